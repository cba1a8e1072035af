/** The languages a plan is written in: headings, labels, numbers and dates follow it. */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The layouts: official (GB/T 9704-2012, the default for zh-CN) and business (the default for en). */
export const STYLES = ['official', 'business'] as const;
export type Style = (typeof STYLES)[number];

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

export function isStyle(value: string): value is Style {
  return (STYLES as readonly string[]).includes(value);
}
