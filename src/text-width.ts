const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/;

/**
 * Columns a string takes in a terminal or a monospace editor: East Asian wide and full-width
 * characters (and characters beyond the BMP, such as CJK Extension B) take two.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return width;
}
