import { Document } from 'yaml';
import type { StyleProfile } from '../doc/docx/profile.js';
import { profileToData } from './convert.js';

const HEADER = `# plangen style profile. Use it with \`style: ./this-file.yaml\` in a plan, or \`--style this-file.yaml\`.
# Every key is optional: a file says only what differs from the profile it extends.
# Lengths: 37mm, 2.5cm, 1in, 16pt, 2ch (body characters). Sizes: 16pt or a 字号 (三号, 小四 …).
# linesPerPage / charsPerLine set the line pitch and letter spacing that fit that many lines and
# characters in the type area; lineSpacing (28.95pt exact, or 1.15 times) and letterSpacing replace them.
`;

const COMMENTS: Record<string, string> = {
  headings: ' by level: 一、  （一）  1.  （1）  ①',
  leads: ' run-in titles (一是…) by level',
  pageNumber: ' format: any text with {page}; position: outside (odd right, even left), center, left, right',
  grid: ' none, lines or linesAndChars (a character grid doubles CJK cells in LibreOffice)',
  fontFallbacks: ' what a reader should use when a font is missing',
};

/** A built-in profile as a commented style file, ready to edit. */
export function ejectStyle(profile: StyleProfile): string {
  const data = profileToData(profile);
  const doc = new Document(data);
  for (const [key, comment] of Object.entries(COMMENTS)) {
    const node = doc.get(key, true) as { commentBefore?: string } | undefined;
    if (node) node.commentBefore = comment;
  }
  return HEADER + doc.toString({ lineWidth: 0 });
}
