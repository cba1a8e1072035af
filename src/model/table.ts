import type { TableModel } from './model.js';

/** Columns nobody filled in are left out, except those a reader always expects (`keep`). */
export function dropEmptyColumns(
  header: string[],
  rows: string[][],
  align: TableModel['align'],
  keep: number[],
): TableModel {
  const used = header.map((_, c) => keep.includes(c) || rows.some((r) => r[c] !== ''));
  const pick = <T>(row: T[]) => row.filter((_, c) => used[c]);
  return { header: pick(header), rows: rows.map(pick), align: pick(align) };
}
