import type { PlanModel } from '../model/model.js';
import { compileOptions, createEnvironment } from './environment.js';
import { loadTemplates, type TemplateSet } from './templates.js';

export type PlanTemplate = (model: PlanModel) => string;

export class TemplateError extends Error {
  override name = 'TemplateError';
}

const compiled = new Map<string, PlanTemplate>();

/** Compile a template set once per process; batch builds reuse it for every plan. */
export function compileTemplates(set: TemplateSet): PlanTemplate {
  const key = JSON.stringify(set.sources);
  const cached = compiled.get(key);
  if (cached) return cached;
  if (!set.sources.plan) throw new TemplateError(`no plan.hbs in ${set.folders.join(', ')}`);
  const { plan, ...partials } = set.sources;
  const env = createEnvironment(partials);
  const template = env.compile<PlanModel>(plan, compileOptions);
  const render: PlanTemplate = (model) => {
    try {
      return tidy(template(model, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }));
    } catch (error) {
      throw new TemplateError(error instanceof Error ? error.message : String(error));
    }
  };
  compiled.set(key, render);
  return render;
}

/** Templates are written for readability, not exact blank lines: collapse runs of blank lines. */
function tidy(markdown: string): string {
  return markdown.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

/** The plan as Markdown with directives, ready to be parsed into the document tree. */
export function renderPlanMarkdown(model: PlanModel, templateFolder?: string): string {
  return compileTemplates(loadTemplates(model.lang, templateFolder))(model);
}
