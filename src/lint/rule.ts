import type { Severity } from '../core/diagnostic.js';
import type { SpecPath } from '../spec/locate.js';
import type { PlanSpec } from '../spec/schema.js';
import type { TextField } from './fields.js';

/** A rule's level as the user sets it in `lint:` or plangen.config.yaml: a severity, or off. */
export type RuleLevel = Severity | 'off';
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

/** What a rule found: where (a path into the spec, and the text matched there), what, and how to fix it. */
export interface Finding {
  path: SpecPath;
  /** The text the finding is about, to point at its column inside the scalar; else the scalar's start. */
  match?: string;
  /** With `match`: which occurrence of it in the scalar (0-based). */
  occurrence?: number;
  /** Point at the key rather than the value (a key whose value is missing or empty). */
  key?: boolean;
  message: string;
  hint?: string;
}

/** What every rule sees: the validated spec and every piece of prose in it with its path. */
export interface LintContext {
  spec: PlanSpec;
  fields: readonly TextField[];
}

export interface LintRule {
  id: string;
  severity: Severity;
  /** One line: what the rule looks for (the SARIF rule description and `plangen lint --rules`). */
  description: string;
  check(ctx: LintContext): Finding[];
}
