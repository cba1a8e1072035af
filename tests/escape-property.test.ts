import { describe, it } from 'vitest';
import { checkLiteralProperty, random } from './helpers/literal-property.js';

// Fixed seed: the same sixteen plans on every run. The e2e tier runs a larger, fresh sample.
const SEED = 20260109;
const PLANS = 16;

describe('every text field: Markdown syntax stays literal, nothing is lost, the structure holds', () => {
  const next = random(SEED);
  for (let n = 0; n < PLANS; n++) {
    it(`plan ${n + 1} of ${PLANS} (seed ${SEED})`, () => checkLiteralProperty(SEED, next));
  }
});
