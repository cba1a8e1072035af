import { resolve } from 'node:path';
import type { Root } from 'mdast';
import { checkDirectives } from './doc/directives.js';
import { parsePlanTree } from './doc/parse.js';
import { enrichPlan } from './model/enrich.js';
import type { PlanModel } from './model/model.js';
import { compileTemplates, renderPlanMarkdown, TemplateError, type PlanTemplate } from './render/render.js';
import { loadTemplates } from './render/templates.js';
import { checkpoint } from './core/checkpoint.js';
import { diagnostic, hasErrors, type Diagnostic } from './core/diagnostic.js';
import { loadSpec } from './spec/load.js';
import type { FrameCache } from './doc/docx/frame-store.js';
import type { PlanSpec } from './spec/schema.js';
import { validateSpec } from './spec/validate.js';
import { readPlanFile, type PlanFile } from './spec/file.js';
import { lintSpec, type RuleLevels } from './lint/lint.js';
import { choosePlanLook } from './style/choose.js';

/**
 * `pdf`: the pipeline produces the DOCX that LibreOffice turns into the PDF; the conversion runs once
 * for a whole batch (src/pdf/convert.ts), so it is not done here.
 */
export type OutputFormat = 'docx' | 'md' | 'pdf';

export interface BuildOptions {
  formats?: OutputFormat[];
  /** A folder of .hbs files overriding the built-in templates. */
  templateFolder?: string;
  /** Overrides the spec's `style`: official, business, or an absolute path to a style file or reference DOCX. */
  style?: string;
  /** Absolute path of the spec file: the spec's `style:` and `template:` paths are relative to its folder. */
  specPath?: string;
  /** Overrides the spec's `draft`: true for the language's draft mark, or the mark's text. */
  draft?: boolean | string;
  /** Build the plan's year-end review whatever its `kind` (--review). */
  review?: boolean;
  /** Seconds since the epoch for the file's dates when the spec has no `date` (SOURCE_DATE_EPOCH). */
  sourceDateEpoch?: number;
  /**
   * Templates read and compiled once, reused for every plan that passes the same map (a batch run,
   * during which the templates do not change). Without it they are read for each plan.
   */
  templateCache?: Map<string, PlanTemplate>;
  /**
   * Lint levels from plangen.config.yaml (the spec's own `lint:` wins). A build reports the lint rules'
   * warnings and errors, not their advice (info); `false` skips lint.
   */
  lint?: RuleLevels | false;
  /**
   * Stops the build between two stages (an AbortError). Given by a caller that builds in its own
   * thread and must stay answerable to Ctrl-C; without it the build never pauses.
   */
  signal?: AbortSignal;
  /**
   * A folder where the DOCX writer keeps, between runs, the parts of a document that do not depend on
   * its body, with the fingerprint of the code that wrote them; without it they are made once per process.
   */
  frameCache?: FrameCache;
}

export interface BuiltDocument {
  format: OutputFormat;
  bytes: Uint8Array;
}

export interface PlanBuild {
  file: string;
  diagnostics: Diagnostic[];
  /** Present when the spec was valid and every output was produced. */
  outputs?: BuiltDocument[];
  /** Files the spec pointed at (`style:`, `template:`): the output depends on them as well as on the spec. */
  dependencies?: string[];
}

/** Dates in a built file come from the spec, else SOURCE_DATE_EPOCH, else this fixed instant: never the clock. */
export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

// Reading and validating a plan file live apart (`validate` loads them without the build's libraries).
export { readPlanFile, validateFile, validatePlan, type PlanFile } from './spec/file.js';

/** read → decode → buildPlan. `source` is the text when it could be read (for code frames). */
export async function buildFile(input: PlanFile, options: BuildOptions = {}): Promise<PlanBuild & { source?: string }> {
  const read = readPlanFile(input);
  if (read.source === undefined) return { file: read.file, diagnostics: read.diagnostics };
  // The spec's `style:` and `template:` paths are relative to the spec's folder.
  const located = 'path' in input && !options.specPath ? { ...options, specPath: resolve(input.path) } : options;
  return { ...(await buildPlan(read.source, read.file, located)), source: read.source };
}

/** The template stage's output: the plan as Markdown with directives, and its tree. */
export function planTree(
  spec: PlanSpec,
  options: BuildOptions = {},
): { model: PlanModel; markdown: string; tree: Root } {
  const style = options.style === 'official' || options.style === 'business' ? options.style : undefined;
  const model = enrichPlan({ ...spec, ...(style && { style }), ...(options.review && { kind: 'review' as const }) });
  const markdown = options.templateCache
    ? cachedTemplate(options.templateCache, model.lang, options.templateFolder)(model)
    : renderPlanMarkdown(model, options.templateFolder);
  return { model, markdown, tree: parsePlanTree(markdown) };
}

function cachedTemplate(cache: Map<string, PlanTemplate>, lang: PlanModel['lang'], folder?: string): PlanTemplate {
  const key = `${lang}\u0000${folder ?? ''}`;
  let template = cache.get(key);
  if (!template) cache.set(key, (template = compileTemplates(loadTemplates(lang, folder))));
  return template;
}

/**
 * load → validate → enrich → template → document tree → writers, for one plan held in memory. The
 * writers (the `docx` package above all) are loaded on first use: `validate`, a build that finds its
 * plans unchanged and a batch's coordinating thread never pay for them.
 * Never throws for a mistake in the user's files (spec or template): those come back as diagnostics.
 */
export async function buildPlan(source: string, file: string, options: BuildOptions = {}): Promise<PlanBuild> {
  const { spec, look, diagnostics } = checkSpec(source, file, options);
  const dependencies = look?.dependencies.length ? { dependencies: look.dependencies } : {};
  if (!spec || !look?.profile || hasErrors(diagnostics)) return { file, diagnostics, ...dependencies };
  await checkpoint(options.signal);
  const profile = look.profile;

  let built: ReturnType<typeof planTree>;
  try {
    built = planTree(spec, { ...options, style: profile.name, templateFolder: look.templateFolder });
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const where = { file: error.file ?? file, line: error.line, col: error.col };
    return {
      file,
      ...dependencies,
      diagnostics: [...diagnostics, diagnostic(where.file, 'template', `template error: ${error.message}`, where)],
    };
  }
  const { model, tree } = built;
  await checkpoint(options.signal);
  // A directive the writers do not know comes from a template (the user's --template folder, or ours):
  // refuse it here rather than let a writer drop or flatten it.
  const unknown = checkDirectives(tree);
  if (unknown.length) {
    const templates = options.templateFolder ?? file;
    const found = unknown.map((p) => diagnostic(templates, 'template', `template error: ${p.message}`));
    return { file, diagnostics: [...diagnostics, ...found] };
  }
  const outputs: BuiltDocument[] = [];
  for (const format of options.formats ?? ['docx']) {
    if (outputs.length) await checkpoint(options.signal);
    if (format === 'md') {
      const { writeMarkdown } = await import('./doc/markdown.js');
      outputs.push({ format, bytes: new TextEncoder().encode(writeMarkdown(tree)) });
    } else {
      const { writeDocx } = await import('./doc/docx/index.js');
      const created = spec.date
        ? new Date(`${isoDay(spec.date)}T00:00:00Z`)
        : options.sourceDateEpoch !== undefined
          ? new Date(options.sourceDateEpoch * 1000)
          : FIXED_DATE;
      outputs.push({
        format,
        bytes: await writeDocx(tree, {
          profile,
          title: model.title,
          draft: look.draft,
          lang: model.lang,
          creator: model.org ?? 'plangen',
          created,
          frameCache: options.frameCache,
        }),
      });
    }
  }
  // Last: a signal that came while the last output was made must stop its writing.
  await checkpoint(options.signal);
  return { file, diagnostics, outputs, ...dependencies };
}

/**
 * Load, validate and lint the spec and choose its look. Apart from the build so that the loaded YAML
 * document, with every node's position (several times the file's size), is garbage before the build
 * makes its own large structures: a variable of buildPlan would live until its end, across its awaits.
 */
function checkSpec(
  source: string,
  file: string,
  options: BuildOptions,
): { spec?: PlanSpec; look?: ReturnType<typeof choosePlanLook>; diagnostics: Diagnostic[] } {
  const loaded = loadSpec(source, file);
  const { spec, diagnostics } = validateSpec(loaded);
  if (!spec || hasErrors(diagnostics)) return { diagnostics };
  if (options.lint !== false)
    diagnostics.push(...lintSpec(loaded, spec, options.lint ?? {}).filter((d) => d.severity !== 'info'));
  if (hasErrors(diagnostics)) return { diagnostics };
  const look = choosePlanLook(spec, loaded, options);
  diagnostics.push(...look.diagnostics);
  return { spec, look, diagnostics };
}

/** 2026-1-5 → 2026-01-05 */
function isoDay(date: string): string {
  return date
    .split('-')
    .map((part, i) => (i === 0 ? part : part.padStart(2, '0')))
    .join('-');
}
