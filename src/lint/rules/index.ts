import type { LintRule } from '../rule.js';
import { dateOutsidePeriod, dueBeforeStart } from './dates.js';
import { duplicate } from './duplicates.js';
import { emptySection } from './empty.js';
import { numberStyle } from './number-style.js';
import { handNumbering } from './numbering.js';
import { missingDue, missingOwner } from './owners.js';
import { placeholder, yearSlip } from './placeholders.js';
import { buriedTarget, targetNumber, targetUnit } from './targets.js';

/** Every rule, in the order its findings are listed for one spot. */
export const RULES: readonly LintRule[] = [
  placeholder,
  yearSlip,
  handNumbering,
  emptySection,
  duplicate,
  targetNumber,
  targetUnit,
  buriedTarget,
  dateOutsidePeriod,
  dueBeforeStart,
  numberStyle,
  missingOwner,
  missingDue,
];
