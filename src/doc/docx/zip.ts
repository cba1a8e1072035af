import { zipSync } from 'fflate';

/**
 * A zip made entry by entry, so an entry that recurs from one document to the next (styles, theme,
 * footers: the frame) is deflated once. Each entry is what `fflate.zipSync` writes for it alone; put
 * together, they give the very bytes `zipSync` gives for all of them at once (tests/pack.test.ts):
 * the local headers and data in order, then the central directory with each entry's offset, then the
 * end record.
 */
export interface ZipEntry {
  /** Local header and deflated data. */
  local: Uint8Array;
  /** Central directory record, its local-header offset still 0. */
  central: Uint8Array;
}

const END_RECORD = 22;

export function zipEntry(name: string, data: Uint8Array, options: { mtime: Date; level: 6 }): ZipEntry {
  const alone = zipSync({ [name]: [data, options] });
  const view = new DataView(alone.buffer, alone.byteOffset, alone.byteLength);
  const centralAt = view.getUint32(alone.length - END_RECORD + 16, true);
  return { local: alone.subarray(0, centralAt), central: alone.subarray(centralAt, alone.length - END_RECORD) };
}

export function joinZip(entries: readonly ZipEntry[]): Uint8Array {
  let localSize = 0;
  let centralSize = 0;
  for (const e of entries) {
    localSize += e.local.length;
    centralSize += e.central.length;
  }
  const out = new Uint8Array(localSize + centralSize + END_RECORD);
  const view = new DataView(out.buffer);
  let at = 0;
  let central = localSize;
  for (const e of entries) {
    out.set(e.local, at);
    out.set(e.central, central);
    view.setUint32(central + 42, at, true); // the record's local-header offset
    at += e.local.length;
    central += e.central.length;
  }
  view.setUint32(central, 0x06054b50, true);
  view.setUint16(central + 8, entries.length, true);
  view.setUint16(central + 10, entries.length, true);
  view.setUint32(central + 12, centralSize, true);
  view.setUint32(central + 16, localSize, true);
  return out;
}
