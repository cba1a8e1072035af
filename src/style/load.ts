import { PROFILES, type StyleProfile } from '../doc/docx/profile.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { loadSpec } from '../spec/load.js';
import { locate } from '../spec/locate.js';
import { validateWith } from '../spec/validate.js';
import { dataToProfile, extendData, profileToData } from './convert.js';
import { StyleDataSchema, type StyleData } from './schema.js';

export interface LoadedStyle {
  profile?: StyleProfile;
  diagnostics: Diagnostic[];
}

/**
 * A style file (house.yaml) → the profile it describes: parsed with positions and validated like a
 * plan, so every mistake points at its line; then merged over the profile it extends.
 */
export function parseStyleFile(source: string, file: string): LoadedStyle {
  const loaded = loadSpec(source, file);
  for (const d of loaded.diagnostics) {
    if (d.code === 'empty') d.message = 'the style file is empty; the smallest one is `extends: official`';
    if (d.code === 'not-a-mapping')
      d.message = 'a style file is a mapping of keys such as `extends:`, `page:`, `body:`';
  }
  const { value, diagnostics } = validateWith(loaded, StyleDataSchema);
  if (!value) return { diagnostics };
  const data = value as StyleData;
  const profile = dataToProfile(extendData(profileToData(PROFILES[data.extends ?? 'official']), data));

  const at = (path: PropertyKey[]) => ({ file, ...locate(loaded, path, true) });
  const error = (path: PropertyKey[], message: string) =>
    diagnostics.push({ ...at(path), severity: 'error', code: 'style', message });
  const { page } = profile;
  const typeWidth = page.width - page.left - page.right;
  const typeHeight = page.height - page.top - page.bottom;
  const pageKey = data.page ? ['page'] : [];
  if (typeWidth < profile.charWidth * 4 || typeHeight < profile.charWidth * 4)
    error(pageKey, `the margins leave no room for text (type area ${typeWidth} × ${typeHeight} twips)`);
  const lineKey = data.linesPerPage !== undefined ? ['linesPerPage'] : ['lineSpacing'];
  if ('exact' in profile.line && profile.line.exact < profile.body.size * 10)
    error(
      lineKey,
      `lines ${profile.line.exact / 20}pt apart are closer than the ${profile.body.size / 2}pt body text: fewer lines a page, or a smaller size`,
    );
  if (profile.characterSpacing !== undefined && profile.characterSpacing < -profile.charWidth / 4)
    error(
      data.charsPerLine !== undefined ? ['charsPerLine'] : ['letterSpacing'],
      `characters would overlap (${profile.characterSpacing / 20}pt letter spacing at ${profile.body.size / 2}pt): fewer characters a line, or a smaller size`,
    );
  diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);
  return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { profile, diagnostics };
}
