/**
 * The plangen library: the command line is built on this API, which never prints or exits.
 * load → validate → enrich → template → document tree → writers.
 */
export {
  buildPlan,
  buildFile,
  validatePlan,
  validateFile,
  readPlanFile,
  planTree,
  FIXED_DATE,
  type BuildOptions,
  type BuiltDocument,
  type OutputFormat,
  type PlanBuild,
  type PlanFile,
} from './pipeline.js';
export { loadSpec, type LoadedSpec } from './spec/load.js';
export { decodeSpec } from './spec/source.js';
export { validateSpec } from './spec/validate.js';
export { PlanSpecSchema, planJsonSchema, type PlanSpec, type ItemSpec } from './spec/schema.js';
export {
  diagnostic,
  hasErrors,
  nearest,
  LANGS,
  STYLES,
  packageVersion,
  type Diagnostic,
  type DiagnosticCode,
  type Severity,
  type Lang,
  type Style,
} from './core/index.js';
export { enrichPlan } from './model/enrich.js';
export type { PlanModel, SectionModel, ItemModel } from './model/model.js';
export { renderPlanMarkdown } from './render/render.js';
export { parsePlanMarkdown } from './doc/parse.js';
export { writeMarkdown } from './doc/markdown.js';
export {
  Directive,
  checkDirectives,
  DirectiveError,
  type DirectiveName,
  type DirectiveProblem,
} from './doc/directives.js';
export { writeDocx, PROFILES, type DocxOptions, type StyleProfile } from './doc/docx/index.js';
export { PRESETS, findPreset, readPreset, type PresetInfo } from './presets/index.js';
export { scaffoldPreset, type Scaffold, type Substitution } from './presets/scaffold.js';
