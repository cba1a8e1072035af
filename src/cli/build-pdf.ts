import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BatchResult, PlannedInput } from '../batch/run.js';
import { convertToPdf } from '../pdf/convert.js';
import { STYLE_FILE } from '../spec/schema.js';
import { isBuiltinStyle } from '../style/resolve.js';
import { UsageError, type CliIO } from './io.js';
import { createReporter, displayPath } from './report.js';

/**
 * --style: a built-in name, or a style file / reference DOCX that must exist (a usage mistake, exit 2,
 * before anything is built). Its content goes into the cache key, so editing it rebuilds.
 */
export function styleFlag(value: string | undefined, cwd: string): { value: string; fingerprint: string } | undefined {
  if (value === undefined) return undefined;
  if (isBuiltinStyle(value)) return { value, fingerprint: value };
  if (!STYLE_FILE.test(value))
    throw new UsageError(
      `unknown style "${value}"; use official, business, a style file (.yaml) or a reference Word file (.docx)`,
    );
  const path = resolve(cwd, value);
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    bytes = readFileSync(path);
  } catch {
    throw new UsageError(`--style ${value}: no such file`);
  }
  return { value: path, fingerprint: createHash('sha256').update(bytes).digest('hex') };
}

export interface PdfStage {
  plans: PlannedInput[];
  /** Staged DOCX path → the PDF it becomes (also how outputs are shown while the batch runs). */
  targets: Map<string, string>;
  cleanup(): void;
}

/** Point each plan's pdf output at a DOCX in a private temp folder; LibreOffice converts them afterwards. */
export function stagePdf(plans: readonly PlannedInput[]): PdfStage {
  const dir = mkdtempSync(join(tmpdir(), 'plangen-stage-'));
  const targets = new Map<string, string>();
  const staged = plans.map((plan, i) => {
    const docx = join(dir, `${i}.docx`);
    targets.set(docx, plan.targets.pdf);
    return { ...plan, targets: { ...plan.targets, pdf: docx } };
  });
  return { plans: staged, targets, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Convert every staged DOCX that was built, in one LibreOffice run; a document that fails counts as failed. */
export async function finishPdf(
  stage: PdfStage,
  result: BatchResult,
  soffice: string,
  io: CliIO,
  signal: AbortSignal,
): Promise<void> {
  const jobs = [...stage.targets]
    .filter(([docx]) => {
      try {
        return statSync(docx).isFile();
      } catch {
        return false;
      }
    })
    .map(([docx, target]) => ({ docx, target }));
  const { failed } = await convertToPdf(jobs, soffice, { signal, env: io.env });
  const report = createReporter(io);
  for (const { job, message } of failed) {
    const shown = displayPath(io.cwd, job.target);
    // Interrupted: no PDF failed on its own; the plan was stopped before its PDF was made.
    const status = signal.aborted ? 'skipped' : 'failed';
    if (status === 'failed') report.error(`${shown}: the PDF could not be made: ${message}`);
    const record = result.records.find((r) => r.outputs.some((o) => o.path === shown));
    if (record && record.status === 'built') record.status = status;
    result.tally.built--;
    result.tally[status]++;
  }
}
