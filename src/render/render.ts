import type { PlanModel } from '../model/model.js';
import { compileOptions, createEnvironment } from './environment.js';
import { trimEndBlanks } from './escape.js';
import { refuseUnsafe } from './guard.js';
import { PRECOMPILED } from './precompiled.js';
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
    // A built-in template's text, checked and precompiled when the bundle was made (precompile.ts).
    const ready = PRECOMPILED.get(set.sources[name]);
    if (ready) return env.template(ready()) as HandlebarsTemplateDelegate<PlanModel>;
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
  const budget = new Budget();
  budgetHelpers(env, budget);
  for (const name of Object.keys(set.sources))
    if (name !== 'plan') env.registerPartial(name, named(name, compile(name), budget));
  const template = named('plan', compile('plan'), budget);
  const render: PlanTemplate = (model) => {
    budget.start(model);
    try {
      return tidy(template(model, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }));
    } catch (error) {
      throw located(error, set);
    }
  };
  compiled.set(key, render);
  return render;
}

/** A render error as a TemplateError naming the template file (the innermost partial) and its line. */
function located(error: unknown, set: TemplateSet): TemplateError {
  const inside = (error as { [TEMPLATE]?: string } | undefined)?.[TEMPLATE];
  if (error instanceof TemplateError)
    return error.file || !inside ? error : new TemplateError(error.message, set.paths[inside]);
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return new TemplateError('the templates call each other without end (a partial that includes itself?)');
  const e = error as { message?: string; lineNumber?: number; column?: number; [TEMPLATE]?: string };
  const message = (e?.message ?? String(error)).split('\n')[0];
  const name = e?.[TEMPLATE];
  // Handlebars puts "- line:col" at the end of strict-mode messages; our helpers say "at line N".
  const where = / - (\d+):(\d+)$/.exec(message) ?? /at line (\d+)/.exec(message);
  const line = e?.lineNumber ?? Number(where?.[1] ?? 0);
  const col = e?.column !== undefined ? e.column + 1 : Number(where?.[2] ?? (line ? 1 : 0));
  return new TemplateError(message.replace(/ - \d+:\d+$/, ''), name ? set.paths[name] : undefined, line, col);
}

const TEMPLATE = Symbol('template');

/** A partial (or the plan) that marks an error thrown inside it with its name, unless a deeper one did. */
function named(
  name: string,
  template: HandlebarsTemplateDelegate<PlanModel>,
  budget: Budget,
): HandlebarsTemplateDelegate<PlanModel> {
  return (context, options) => {
    budget.step();
    try {
      const out = template(context, options);
      budget.produced(out.length);
      return out;
    } catch (error) {
      if (error && typeof error === 'object' && !(TEMPLATE in error))
        (error as Record<symbol, string>)[TEMPLATE] = name;
      throw error;
    }
  };
}

/**
 * Templates come from users, and a template can run away: a partial that includes itself over a list
 * multiplies its work with every level and grew to 3.4 GB before. Every partial, helper call and loop
 * iteration is a step, and partials' output is counted; both are bounded in proportion to the plan
 * (so a plan of 50,000 tasks still renders), and the render stops with a template error past them.
 */
class Budget {
  private steps = 0;
  private chars = 0;
  private maxSteps = 0;
  private maxChars = 0;

  start(model: unknown): void {
    const size = JSON.stringify(model)?.length ?? 0;
    this.steps = 0;
    this.chars = 0;
    this.maxSteps = 1_000_000 + 50 * size;
    this.maxChars = 50_000_000 + 200 * size;
  }

  step(): void {
    if (++this.steps > this.maxSteps)
      throw new TemplateError(
        `the templates ran over ${this.maxSteps.toLocaleString('en')} steps for this plan; a partial that includes itself?`,
      );
  }

  produced(length: number): void {
    this.chars += length;
    if (this.chars > this.maxChars)
      throw new TemplateError(
        `the templates wrote over ${this.maxChars.toLocaleString('en')} characters for this plan; a partial that includes itself?`,
      );
  }
}

/**
 * Count every helper call and block iteration as a step, and keep Handlebars' `log` off stdout (a
 * report on stdout, `--json`, must stay what it says): a template's log goes nowhere.
 */
function budgetHelpers(env: ReturnType<typeof createEnvironment>, budget: Budget): void {
  env.log = () => undefined;
  env.registerHelper('log', () => '');
  for (const [name, helper] of Object.entries(env.helpers)) {
    env.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      budget.step();
      const options = args.at(-1) as { fn?: (...a: unknown[]) => string } | undefined;
      if (options && typeof options.fn === 'function') {
        const fn = options.fn;
        options.fn = Object.assign((...a: unknown[]) => {
          budget.step();
          return fn(...a);
        }, fn);
      }
      return (helper as (...a: unknown[]) => unknown).apply(this, args);
    });
  }
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
