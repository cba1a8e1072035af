import { deflateSync, strToU8 } from 'fflate';

/**
 * The zip writer pack.ts used before it called fflate's zipSync, kept here as an independent oracle:
 * tests/pack.test.ts checks that zipSync gives these bytes for every part list we write (version 20,
 * UTF-8 flag for non-ASCII names, DEFLATE level 6, the DOS epoch as every entry's time, no extra
 * fields, no comments). Nothing in src/ uses it.
 */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

interface Entry {
  name: Uint8Array;
  utf8: boolean;
  crc: number;
  size: number;
  data: Uint8Array;
}
function entryFields(view: DataView, at: number, e: Entry): void {
  view.setUint16(at, 20, true);
  view.setUint16(at + 2, e.utf8 ? 0x0800 : 0, true);
  view.setUint16(at + 4, 8, true);
  view.setUint16(at + 6, DOS_TIME, true);
  view.setUint16(at + 8, DOS_DATE, true);
  view.setUint32(at + 10, e.crc, true);
  view.setUint32(at + 14, e.data.length, true);
  view.setUint32(at + 18, e.size, true);
  view.setUint16(at + 22, e.name.length, true);
}

export function referenceZip(parts: ReadonlyArray<readonly [string, string | Uint8Array]>): Uint8Array {
  const entries: Entry[] = parts.map(([name, content]) => {
    const encoded = strToU8(name);
    const raw = typeof content === 'string' ? strToU8(content) : content;
    const data = deflateSync(raw, { level: 6 });
    return { name: encoded, utf8: encoded.length !== name.length, crc: crc32(raw), size: raw.length, data };
  });
  let localSize = 0;
  let centralSize = 0;
  for (const e of entries) {
    localSize += 30 + e.name.length + e.data.length;
    centralSize += 46 + e.name.length;
  }
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    entryFields(view, at + 4, e);
    view.setUint16(at + 28, 0, true);
    out.set(e.name, at + 30);
    out.set(e.data, at + 30 + e.name.length);
    at += 30 + e.name.length + e.data.length;
  }
  const centralStart = at;
  entries.forEach((e, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // made by: version 2.0, MS-DOS
    entryFields(view, at + 6, e);
    // extra length, comment length, disk, internal and external attributes: all 0
    view.setUint32(at + 42, offsets[i], true);
    out.set(e.name, at + 46);
    at += 46 + e.name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  return out;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
