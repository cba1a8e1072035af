import type { ChalkInstance } from 'chalk';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { stripXmlInvalid } from '../core/xml.js';
import type { InputRecord, Summary } from '../batch/run.js';
import { isCI, type CliIO } from './io.js';
import { codeFrame, colourFor, counted, formatDiagnostic } from './report.js';

/** How many failing inputs the closing summary lists again (all of them are in --json and --junit). */
const SUMMARY_FAILURES = 50;

export interface TerminalReporter {
  /** The run starts: `total` inputs, of which the progress bar counts every one. */
  start(total: number): Promise<void>;
  record(record: InputRecord, source?: string): void;
  /** Stop the bar, print the summary. */
  finish(summary: Summary, records: readonly InputRecord[], interrupted: boolean): void;
  /** Stop the bar if it still runs (an error ended the run): its timer would keep the process alive. */
  stop(): void;
}

type Bar = { increment(step?: number, payload?: object): void; update(payload: object): void };
type MultiBar = {
  create(total: number, start: number, payload?: object): Bar;
  log(text: string): void;
  update(): void;
  stop(): void;
};

/**
 * The terminal report, on stderr. A person at a terminal sees a progress bar (cli-progress) with
 * problems printed above it; a log (CI, a pipe) gets one plain line per input. Both end with a summary
 * that lists the failures again, so the end of a long log says what to fix.
 */
export function createTerminalReporter(io: CliIO, options: { quiet?: boolean; single?: boolean }): TerminalReporter {
  const c = colourFor(io.stderr, io.env);
  const frames = Boolean(io.stderr.isTTY) || c.level > 0;
  const wantBar = Boolean(io.stderr.isTTY) && !options.quiet && !options.single && !isCI(io.env);
  let multibar: MultiBar | undefined;
  let bar: Bar | undefined;
  let failed = 0;
  const write = (text: string) => {
    if (!text) return;
    if (multibar) multibar.log(text.endsWith('\n') ? text : `${text}\n`);
    else io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  const diagnostics = (list: readonly Diagnostic[], source?: string) => {
    const lines: string[] = [];
    for (const d of list) {
      if (options.quiet && d.severity === 'warning') continue;
      lines.push(formatDiagnostic(d, c));
      if (frames && source !== undefined && d.line > 0) lines.push(codeFrame(source, d.line, d.col, c));
    }
    return lines.join('\n');
  };

  return {
    async start(total) {
      if (!wantBar || total < 2) return;
      const progress = (await import('cli-progress')).default;
      multibar = new progress.MultiBar(
        {
          stream: io.stderr as NodeJS.WritableStream & NodeJS.WriteStream,
          format: `${c.bold('building')} {bar} {value}/{total} | {failed} failed | {eta_formatted} left`,
          barCompleteChar: '█',
          barIncompleteChar: '░',
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
          fps: 10,
          autopadding: true,
        },
        progress.Presets.shades_classic,
      ) as unknown as MultiBar;
      bar = multibar.create(total, 0, { failed: 0 });
      // Drawn now, not at the first frame a tenth of a second later, which a short batch never reaches.
      multibar.update();
    },
    record(record, source) {
      if (record.status === 'failed') failed++;
      const problems = diagnostics(record.diagnostics, source);
      if (bar) {
        if (problems) write(problems);
        bar.increment(1, { failed });
        return;
      }
      if (options.quiet) {
        if (record.status === 'failed') write(problems);
        return;
      }
      write(`${statusWord(record, c)} ${record.input}${detail(record)}`);
      if (problems) write(problems);
    },
    stop() {
      multibar?.stop();
      multibar = undefined;
      bar = undefined;
    },
    finish(summary, records, interrupted) {
      this.stop();
      if (interrupted) {
        io.stderr.write(
          `${c.yellow.bold('interrupted')}: ${summary.built} built, ${summary.unchanged} unchanged, ${summary.failed} failed before the stop; no partial file was written\n`,
        );
        return;
      }
      if (options.quiet) return;
      if (options.single && summary.failed === 0) return;
      const failures = records.filter((r) => r.status === 'failed');
      if (failures.length && !options.single) {
        io.stderr.write(`\n${c.red.bold(`${failures.length} failed:`)}\n`);
        for (const record of failures.slice(0, SUMMARY_FAILURES)) {
          // Its errors; under --strict a plan can fail on warnings alone: then those.
          const errors = record.diagnostics.filter((d) => d.severity === 'error');
          const reasons = errors.length ? errors : record.diagnostics;
          const shown = reasons.length ? reasons : [diagnostic(record.input, 'internal', 'failed')];
          io.stderr.write(`${shown.map((d) => `  ${formatDiagnostic(d, c)}`).join('\n')}\n`);
        }
        if (failures.length > SUMMARY_FAILURES)
          io.stderr.write(`  … and ${failures.length - SUMMARY_FAILURES} more (see --json or --junit)\n`);
      }
      io.stderr.write(`${summaryLine(summary, c)}\n`);
    },
  };
}

/** `1000 inputs: 990 built, 0 unchanged, 10 failed, 3 warnings in 12.3 s` */
export function summaryLine(s: Summary, c: ChalkInstance): string {
  const parts = [`${s.built} built`, `${s.unchanged} unchanged`, s.failed ? c.red(`${s.failed} failed`) : '0 failed'];
  if (s.skipped) parts.push(`${s.skipped} skipped`);
  parts.push(counted(s.warnings, 'warning'));
  return `${counted(s.inputs, 'input')}: ${parts.join(', ')} in ${(s.ms / 1000).toFixed(1)} s`;
}

function statusWord(record: InputRecord, c: ChalkInstance): string {
  const word = record.status.padEnd(9);
  switch (record.status) {
    case 'built':
      return c.green(word);
    case 'failed':
      return c.red.bold(word);
    case 'skipped':
      return c.yellow(word);
    default:
      return c.dim(word);
  }
}

function detail(record: InputRecord): string {
  if (record.status === 'built')
    return ` → ${record.outputs.map((o) => o.path).join(', ')} (${Math.round(record.ms)} ms)`;
  if (record.status === 'skipped') return ' (not tried: --fail-fast)';
  return '';
}

/** The --json report: stable keys, inputs in path order. */
export function jsonReport(
  version: string,
  summary: Summary,
  records: readonly InputRecord[],
  extra: Record<string, unknown> = {},
): string {
  return `${JSON.stringify(
    {
      plangen: version,
      ok: summary.failed === 0,
      ...extra,
      summary,
      inputs: records.map((r) => ({
        input: r.input,
        status: r.status,
        outputs: r.outputs,
        diagnostics: r.diagnostics,
        ms: Math.round(r.ms * 10) / 10,
      })),
    },
    null,
    2,
  )}\n`;
}

function xml(text: string): string {
  return stripXmlInvalid(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * JUnit XML, as CI systems read it (GitHub test reporters, GitLab `artifacts:reports:junit`, Jenkins):
 * one test case per input; a failure carries the input's diagnostics, `file:line:col` first.
 */
export function junitReport(summary: Summary, records: readonly InputRecord[]): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const counts = `tests="${records.length}" failures="${summary.failed}" errors="0" skipped="${summary.skipped}" time="${seconds(summary.ms)}"`;
  const cases = records.map((r) => {
    const open = `    <testcase classname="plangen.build" name="${xml(r.input)}" file="${xml(r.input)}" time="${seconds(r.ms)}"`;
    const body: string[] = [];
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
    if (r.status === 'failed') {
      const first = errors[0] ?? warnings[0];
      const message = first ? formatDiagnostic(first) : 'failed';
      body.push(
        `      <failure type="${first?.code ?? 'failed'}" message="${xml(message)}">${xml(r.diagnostics.map((d) => formatDiagnostic(d)).join('\n'))}</failure>`,
      );
    } else if (r.status === 'skipped') {
      body.push('      <skipped message="not tried: --fail-fast stopped the batch"/>');
    } else if (warnings.length) {
      body.push(`      <system-out>${xml(warnings.map((d) => formatDiagnostic(d)).join('\n'))}</system-out>`);
    }
    return body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="plangen build" ${counts}>`,
    `  <testsuite name="plangen build" ${counts}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
