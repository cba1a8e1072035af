import type { PlanModel } from '../model/model.js';
import { compileOptions, createEnvironment } from './environment.js';
import { trimEndBlanks } from './escape.js';
import { refuseUnsafe } from './guard.js';
import { loadTemplates, type TemplateSet } from './templates.js';

export type PlanTemplate = (model: PlanModel) => string;

/** A mistake in a template (a user's template folder, or ours): located where Handlebars can tell. */
export class TemplateError extends Error {
  override name = 'TemplateError';
  constructor(
    message: string,
    readonly file?: string,
    readonly line = 0,
    readonly col = 0,
  ) {
    super(message);
  }
}

const compiled = new Map<string, PlanTemplate>();

/**
 * Compile a template set once per process; batch builds reuse it for every plan. Every partial is
 * compiled up front (Handlebars compiles lazily), so a broken template fails before any plan is
 * rendered and the error names its file.
 */
export function compileTemplates(set: TemplateSet): PlanTemplate {
  const key = JSON.stringify(set.sources);
  const cached = compiled.get(key);
  if (cached) return cached;
  if (!set.sources.plan) throw new TemplateError(`no plan.hbs in ${set.folders.join(', ')}`);
  const env = createEnvironment();
  // Handlebars' own compile() defers the work to the first render, where an error could no longer
  // name its file. Precompile now (errors surface here) and instantiate the result, as compile() would.
  const compile = (name: string): HandlebarsTemplateDelegate<PlanModel> => {
    // Refused before Handlebars sees it, at the offending expression (guard.ts).
    const refusal = refuseUnsafe(set.sources[name]);
    if (refusal) throw new TemplateError(refusal.message, set.paths[name], refusal.line, refusal.col);
    let spec: ReturnType<typeof env.precompile>;
    try {
      spec = env.precompile(set.sources[name], compileOptions);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Parse errors say "on line N"; compile errors (an unknown helper) end in " - LINE:COLUMN".
      const at = / - (\d+):(\d+)$/.exec(message.split('\n')[0]);
      const line = Number(/on line (\d+)/.exec(message)?.[1] ?? at?.[1] ?? 0);
      const col = at ? Number(at[2]) + 1 : line ? 1 : 0;
      throw new TemplateError(message.split('\n')[0].replace(/ - \d+:\d+$/, ''), set.paths[name], line, col);
    }
    // Handlebars' generated code, evaluated as its own compile() does.
    return env.template(new Function(`return ${spec}`)()) as HandlebarsTemplateDelegate<PlanModel>;
  };
  for (const name of Object.keys(set.sources)) if (name !== 'plan') env.registerPartial(name, compile(name));
  const template = compile('plan');
  const render: PlanTemplate = (model) => {
    try {
      return tidy(template(model, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }));
    } catch (error) {
      throw new TemplateError(error instanceof Error ? error.message.split('\n')[0] : String(error));
    }
  };
  compiled.set(key, render);
  return render;
}

/**
 * Templates are written for readability, not exact blank lines: collapse runs of blank lines. Line by
 * line, not /[ \t]+$/gm, which backtracks through every run of blanks (seconds for a long one).
 */
function tidy(markdown: string): string {
  return (
    markdown
      .split('\n')
      .map(trimEndBlanks)
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

/** The plan as Markdown with directives, ready to be parsed into the document tree. */
export function renderPlanMarkdown(model: PlanModel, templateFolder?: string): string {
  return compileTemplates(loadTemplates(model.lang, templateFolder))(model);
}
