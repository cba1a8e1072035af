/**
 * The lint rules' ids, kept apart from the rules so the spec schema can list them (editors complete
 * them, a typo gets "did you mean") without loading the rules. A test holds this list and RULES equal.
 */
export const RULE_IDS = [
  'placeholder',
  'year-slip',
  'hand-numbering',
  'empty-section',
  'duplicate',
  'target-no-number',
  'target-no-unit',
  'buried-target',
  'date-outside-period',
  'due-before-start',
  'number-style',
  'missing-owner',
  'missing-due',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
