import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Finding plangen.config.yaml, without reading it as YAML: the batch keys its cache by the config's
 * text before it loads any of the heavy libraries (project-config.ts parses and checks the file).
 */
export const CONFIG_NAME = 'plangen.config.yaml';

const found = new Map<string, string | undefined>();

/** The nearest plangen.config.yaml in `start` or a folder above it. Answers are remembered per folder. */
export function findConfigFile(start: string): string | undefined {
  const dir = resolve(start);
  if (found.has(dir)) return found.get(dir);
  const candidate = join(dir, CONFIG_NAME);
  const parent = dirname(dir);
  const result = existsSync(candidate) ? candidate : parent === dir ? undefined : findConfigFile(parent);
  found.set(dir, result);
  return result;
}

const configTexts = new Map<string, string>();

/**
 * The text of the config that applies to a spec in `dir` ('' when none), read once per file: part of
 * the spec's build cache key, since its lint levels change what the build reports.
 */
export function configTextFor(dir: string): string {
  const path = findConfigFile(dir);
  if (!path) return '';
  let text = configTexts.get(path);
  if (text === undefined) {
    try {
      text = readFileSync(path, 'latin1');
    } catch {
      text = '\u0000unreadable'; // the build itself reports why
    }
    configTexts.set(path, text);
  }
  return text;
}

/** Forget remembered lookups (tests create and remove config files). */
export function forgetConfigFiles(): void {
  found.clear();
  configTexts.clear();
}
