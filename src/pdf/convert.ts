import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../io/atomic.js';

/** What to tell a user who asked for PDF on a machine without LibreOffice. */
export const INSTALL_HINT =
  'PDF output needs LibreOffice (the `soffice` program) on PATH: install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; macOS: brew install --cask libreoffice; Windows: libreoffice.org) or build docx and convert it yourself';

/** The LibreOffice program on PATH (`soffice`, else `libreoffice`), or undefined. */
export function findSoffice(env: NodeJS.ProcessEnv): string | undefined {
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean))
    for (const name of names) {
      const path = join(dir, name);
      try {
        if (statSync(path).isFile()) return path;
      } catch {
        // not here
      }
    }
  return undefined;
}

export interface PdfJob {
  /** A DOCX to convert; its file name (without .docx) must be unique in the batch. */
  docx: string;
  /** Where the PDF goes (written atomically). */
  target: string;
}

export interface PdfResult {
  written: string[];
  failed: Array<{ job: PdfJob; message: string }>;
}

/**
 * Convert every DOCX of a batch in ONE LibreOffice run: starting LibreOffice costs seconds, converting a
 * plan a fraction of one. It runs with a profile of its own in a temp folder (removed after), so it
 * neither touches the user's LibreOffice settings nor waits on a LibreOffice they have open. Each PDF is
 * checked and moved into place atomically; a document LibreOffice could not convert fails alone.
 */
export async function convertToPdf(
  jobs: readonly PdfJob[],
  soffice: string,
  options: { timeoutMs?: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv } = {},
): Promise<PdfResult> {
  const result: PdfResult = { written: [], failed: [] };
  if (jobs.length === 0) return result;
  const work = mkdtempSync(join(tmpdir(), 'plangen-pdf-'));
  try {
    const profile = join(work, 'profile');
    const out = join(work, 'out');
    // Generous: LibreOffice starts in seconds on an idle machine, in a minute or more on a loaded CI runner.
    const timeout = options.timeoutMs ?? 180_000 + 10_000 * jobs.length;
    const args = [
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nodefault',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      'pdf:writer_pdf_Export',
      '--outdir',
      out,
      ...jobs.map((j) => j.docx),
    ];
    const { execFile } = await import('node:child_process'); // a build without PDF never spawns
    const failure = await new Promise<string | undefined>((resolve) => {
      execFile(
        soffice,
        args,
        { timeout, signal: options.signal, env: { ...options.env, HOME: work } },
        (error, _o, stderr) =>
          resolve(
            error
              ? `${error.killed ? `LibreOffice did not finish within ${timeout / 1000} s` : error.message}${stderr ? `: ${stderr.trim()}` : ''}`
              : undefined,
          ),
      );
    });
    for (const job of jobs) {
      const name = job.docx.replace(/^.*[\\/]/, '').replace(/\.docx$/i, '.pdf');
      const pdf = join(out, name);
      const bytes = existsSync(pdf) ? readFileSync(pdf) : undefined;
      if (!bytes || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
        result.failed.push({ job, message: failure ?? 'LibreOffice produced no PDF for this document' });
        continue;
      }
      writeFileAtomic(job.target, bytes);
      result.written.push(job.target);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return result;
}
