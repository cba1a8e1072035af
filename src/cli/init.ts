import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../io/atomic.js';
import { makeFolder } from '../io/folder.js';
import type { Lang } from '../core/types.js';
import { PACKAGE_ROOT, packageVersion } from '../core/package.js';
import { findPreset, PRESETS, readPreset, suggestPreset, type PresetInfo } from '../presets/index.js';
import type { Substitution } from '../presets/scaffold.js';
import { schemaReference } from '../presets/schema-ref.js';
import { createReporter, displayPath, printable } from './report.js';
import { EXIT, UsageError, type CliIO } from './io.js';
import { parseLang, presetTable } from './presets.js';

export interface InitFlags {
  preset?: string;
  lang?: string;
  year?: string;
  org?: string;
  force?: boolean;
}

export function registerInit(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('init')
    .description('start a new plan from a preset (plangen presets lists them)')
    .argument('[file]', 'the plan to write', 'plan.yaml')
    .option('-p, --preset <name>', 'the preset to start from; without it, pick one on a terminal')
    .option('--lang <lang>', 'only offer presets in this language: zh-CN or en')
    .option(
      '--year <YYYY>',
      "the plan's year; every year in the preset moves with it (default: this year, next year from October)",
    )
    .option('--org <name>', 'your organisation, put wherever the preset names its own')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, flags: InitFlags) => setExit(await runInit(file, flags, io)));
}

export async function runInit(file: string, flags: InitFlags, io: CliIO): Promise<number> {
  const lang = flags.lang === undefined ? undefined : parseLang(flags.lang);
  const wanted: Substitution = {
    year: flags.year === undefined ? undefined : parseYear(flags.year),
    org: flags.org === undefined ? undefined : parseOrg(flags.org),
  };
  const interactive = !flags.preset && Boolean(io.stdin?.isTTY);
  const target = resolve(io.cwd, file);
  const shown = displayPath(io.cwd, target);
  const report = createReporter(io);
  const refuse = () => {
    report.error(`${shown} already exists; use --force to overwrite it`);
    return EXIT.failed;
  };
  // Say so before asking anything; the wx write below still guards against a file appearing meanwhile.
  if (!flags.force && existsSync(target)) return refuse();
  let preset: PresetInfo;
  if (flags.preset) preset = resolvePreset(flags.preset, lang);
  else if (interactive) {
    try {
      preset = await ask(io, (q) => pickPreset(q, lang, wanted, io.env));
    } catch (error) {
      if (!(error instanceof Interrupted)) throw error;
      io.stderr.write('\n');
      return EXIT.interrupted;
    }
  } else {
    throw new UsageError(
      `choose a preset with --preset NAME (no terminal to pick one on):\n${presetTable(offered(lang))}`,
    );
  }
  wanted.year ??= defaultYear(io.env);

  const { scaffoldPreset } = await import('../presets/scaffold.js'); // YAML and zod load only when writing
  const scaffold = scaffoldPreset(
    readPreset(preset),
    shown,
    schemaReference(target, PACKAGE_ROOT, packageVersion()),
    wanted,
  );
  // A preset that fails validation after substitution is our bug (say, a date that does not exist in the new year).
  if (scaffold.diagnostics.length)
    throw new Error(
      `preset ${preset.name} gave an invalid plan: ${scaffold.diagnostics.map((d) => d.message).join('; ')}`,
    );

  if (!writePlan(target, scaffold.text, Boolean(flags.force))) return refuse();
  report.info(
    `created ${shown} from preset ${preset.name} (${preset.title}), year ${scaffold.year}, organisation ${scaffold.org}`,
  );
  if (flags.org === undefined && !interactive)
    report.info("the organisation is the preset's sample; set yours with --org NAME");
  report.info(`next: plangen build ${shellQuote(shown)} -f docx,md`);
  return EXIT.ok;
}

/** `wx` refuses an existing file without a check-then-write race; --force replaces it atomically. */
function writePlan(target: string, text: string, force: boolean): boolean {
  if (force) {
    writeFileAtomic(target, text);
    return true;
  }
  makeFolder(dirname(target));
  try {
    writeFileSync(target, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function offered(lang: Lang | undefined): PresetInfo[] {
  return PRESETS.filter((p) => !lang || p.lang === lang);
}

function resolvePreset(name: string, lang: Lang | undefined): PresetInfo {
  const preset = findPreset(name);
  if (!preset) {
    const guess = suggestPreset(name, lang) ?? suggestPreset(name);
    throw new UsageError(
      `unknown preset "${name}"${guess ? `; did you mean "${guess}"?` : ''}\n${presetTable(offered(lang))}`,
    );
  }
  if (lang && preset.lang !== lang) {
    throw new UsageError(
      `preset ${name} is written in ${preset.lang}, not ${lang}; presets in ${lang}: ${offered(lang)
        .map((p) => p.name)
        .join(', ')}`,
    );
  }
  return preset;
}

function parseYear(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 1900 || year > 2999)
    throw new UsageError(`--year expects a year such as 2026, got "${value}"`);
  return year;
}

function parseOrg(value: string): string {
  const org = value.trim();
  if (!org) throw new UsageError("--org is empty; give the organisation's name, or leave --org out to keep the sample");
  if (/[\r\n]/.test(org)) throw new UsageError("--org expects the organisation's name on one line");
  if (/[\u0000-\u001f\u007f-\u009f]/.test(org))
    throw new UsageError(`--org holds a control character (${printable(org)}); type the name as plain text`);
  return org;
}

/** Plans are written for the coming year from October on. SOURCE_DATE_EPOCH stands in for the clock. */
export function defaultYear(env: NodeJS.ProcessEnv): number {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  const now = env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
  return now.getUTCMonth() >= 9 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
}

type Question = (prompt: string) => Promise<string>;

/** Questions on the terminal: prompts on stderr, so stdout stays clean; end of input is a usage error. */
/** Ctrl-C at a prompt: nothing is written, exit 130 as for a signal. */
class Interrupted extends Error {}

async function ask<T>(io: CliIO, dialogue: (question: Question) => Promise<T>): Promise<T> {
  const { createInterface } = await import('node:readline'); // only `init` asks: 4 ms off the other commands
  const rl = createInterface({ input: io.stdin!, output: io.stderr, terminal: Boolean(io.stderr.isTTY) });
  let closed = false;
  const onClose = new Promise<never>((_, reject) =>
    rl.once('close', () => {
      closed = true;
      reject(new UsageError('no answer: input ended'));
    }),
  );
  onClose.catch(() => undefined);
  // Ctrl-C on a terminal reaches readline as a key, not as a signal: end the dialogue as a signal would.
  const onInterrupt = new Promise<never>((_, reject) => rl.once('SIGINT', () => reject(new Interrupted())));
  onInterrupt.catch(() => undefined);
  const question: Question = (prompt) => {
    if (closed) return Promise.reject(new UsageError('no answer: input ended'));
    return Promise.race([
      new Promise<string>((done) => rl.question(prompt, (answer) => done(answer.trim()))),
      onClose,
      onInterrupt,
    ]);
  };
  try {
    return await dialogue(question);
  } finally {
    rl.close();
  }
}

/** Choose by number or name; then the organisation and year, each with a default on Enter. */
async function pickPreset(
  question: Question,
  lang: Lang | undefined,
  wanted: Substitution,
  env: NodeJS.ProcessEnv,
): Promise<PresetInfo> {
  const list = offered(lang);
  const width = Math.max(...list.map((p) => p.name.length));
  const menu = list
    .map((p, i) => `${String(i + 1).padStart(3)}  ${p.name.padEnd(width)}  ${p.lang.padEnd(5)}  ${p.title}`)
    .join('\n');
  let preset: PresetInfo | undefined;
  for (let tries = 0; !preset; tries++) {
    if (tries === 3) throw new UsageError('no preset chosen');
    const answer = await question(`${menu}\nPreset (number or name): `);
    preset = /^\d+$/.test(answer) ? list[Number(answer) - 1] : list.find((p) => p.name === answer);
  }
  if (wanted.org === undefined) {
    const org = await question('Organisation (Enter keeps the sample): ');
    if (org) wanted.org = parseOrg(org);
  }
  if (wanted.year === undefined) {
    const year = await question(`Year (Enter for ${defaultYear(env)}): `);
    if (year) wanted.year = parseYear(year);
  }
  return preset;
}

/** A path as a shell word: quoted when it holds anything but safe characters. */
function shellQuote(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
