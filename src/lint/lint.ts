import type { Diagnostic } from '../core/diagnostic.js';
import type { LoadedSpec } from '../spec/load.js';
import type { PlanSpec } from '../spec/schema.js';
import { textFields } from './fields.js';
import { findingPosition } from './position.js';
import type { LintRule, RuleLevel } from './rule.js';
import { RULES } from './rules/index.js';

export type RuleLevels = Partial<Record<string, RuleLevel>>;

/**
 * Run every rule over a validated spec. Levels come from plangen.config.yaml (`configLevels`), then
 * the spec's own `lint:`, which wins. Findings are located in the user's YAML and sorted by position.
 */
export function lintSpec(loaded: LoadedSpec, spec: PlanSpec, configLevels: RuleLevels = {}): Diagnostic[] {
  const levels: RuleLevels = { ...configLevels, ...(spec.lint ?? {}) };
  const ctx = { spec, fields: textFields(spec) };
  const out: Diagnostic[] = [];
  for (const rule of RULES) {
    const level = levels[rule.id] ?? rule.severity;
    if (level === 'off') continue;
    for (const f of rule.check(ctx)) {
      const { line, col } = findingPosition(loaded, f.path, f.match, f.occurrence, f.key);
      out.push({
        file: loaded.file,
        line,
        col,
        severity: level,
        code: `lint/${rule.id}`,
        message: f.message,
        ...(f.hint ? { hint: f.hint } : {}),
      });
    }
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

export function ruleById(id: string): LintRule | undefined {
  return RULES.find((r) => r.id === id);
}

export { RULES };
