import type { Command } from 'commander';
import { isLang, LANGS, type Lang } from '../core/types.js';
import { PRESETS, type PresetInfo } from '../presets/index.js';
import { EXIT, UsageError, type CliIO } from './io.js';
import { colourFor } from './report.js';
import { displayWidth } from '../text-width.js';

export function registerPresets(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('presets')
    .description('list the presets `plangen init --preset NAME` starts a plan from')
    .option('--json', 'print JSON for scripts')
    .option('--lang <lang>', 'only presets in this language: zh-CN or en')
    .action((flags: { json?: boolean; lang?: string }) => {
      const list = PRESETS.filter((p) => !flags.lang || p.lang === parseLang(flags.lang));
      io.stdout.write(
        flags.json ? `${JSON.stringify(list, null, 2)}\n` : presetTable(list, colourFor(io.stdout, io.env).bold),
      );
      setExit(EXIT.ok);
    });
}

export function parseLang(value: string): Lang {
  if (isLang(value)) return value;
  throw new UsageError(`unknown language "${value}"; use ${LANGS.join(' or ')}`);
}

/** Name, language, title and description in aligned columns (full-width characters count twice). */
export function presetTable(list: readonly PresetInfo[], bold: (s: string) => string = (s) => s): string {
  const rows = [['NAME', 'LANG', 'TITLE', 'DESCRIPTION'], ...list.map((p) => [p.name, p.lang, p.title, p.description])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => displayWidth(r[c]))));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c < 3 ? cell + ' '.repeat(widths[c] - displayWidth(cell)) : cell)).join('  ');
      return i === 0 ? bold(line) : line;
    })
    .join('\n')
    .concat('\n');
}
