import { hasErrors, type Diagnostic } from '../core/diagnostic.js';
import { loadSpec } from '../spec/load.js';
import { validateSpec } from '../spec/validate.js';
import { lintSpec, type RuleLevels } from './lint.js';

/**
 * Load, validate and lint one plan held in memory: schema problems first (a plan that does not validate
 * is not linted), then the rules' findings.
 */
export function lintPlan(source: string, file: string, levels: RuleLevels = {}): Diagnostic[] {
  const loaded = loadSpec(source, file);
  const { spec, diagnostics } = validateSpec(loaded);
  if (!spec || hasErrors(diagnostics)) return diagnostics;
  return [...diagnostics, ...lintSpec(loaded, spec, levels)];
}
