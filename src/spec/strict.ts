import { z } from 'zod';
import { nearest } from '../core/diagnostic.js';

/**
 * A strict object whose unknown keys are errors naming the nearest known key: a typo in a plan, a style
 * file or a config is told apart from a field that does not exist. One line per key, in the order of
 * issue.keys; locate() pairs them with the keys' positions.
 */
export function strict<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      return issue.keys
        .map((key) => {
          const guess = nearest(key, known);
          return guess
            ? `unknown key "${key}"; did you mean "${guess}"?`
            : `unknown key "${key}"; known keys: ${known.join(', ')}`;
        })
        .join('\n');
    },
  });
}
