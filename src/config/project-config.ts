import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { configTextFor, findConfigFile, forgetConfigFiles } from './find.js';
import { z } from 'zod';
import type { Diagnostic } from '../core/diagnostic.js';
import { loadSpec, type LoadedSpec } from '../spec/load.js';
import { locate } from '../spec/locate.js';
import { LintLevels } from '../spec/schema.js';
import { decodeSpec } from '../spec/source.js';
import { pathLabel } from '../spec/validate.js';

export { CONFIG_NAME, configTextFor, findConfigFile } from './find.js';

/**
 * plangen.config.yaml: lint levels for every plan below it, and defaults for `plangen build` run there
 * (flags on the command line win). `exclude` holds globs, relative to the config's folder, of YAML files
 * that are not plans (CI recipes, data files).
 */
export const ProjectConfigSchema = z.strictObject({
  lint: LintLevels.optional(),
  build: z
    .strictObject({
      formats: z
        .union([z.array(z.enum(['docx', 'md'])).min(1), z.string()])
        .optional()
        .describe('Output formats: [docx, md] or "docx,md"'),
      outDir: z.string().optional().describe('Output folder, relative to this file'),
      style: z.enum(['official', 'business']).optional(),
      exclude: z.array(z.string()).optional().describe('Globs of YAML files that are not plans, relative to this file'),
    })
    .optional(),
});

export type ProjectConfigData = z.output<typeof ProjectConfigSchema>;

export interface ProjectConfig {
  /** Absolute path of the file, or undefined when none was found. */
  path?: string;
  /** Folder the file's relative paths start from. */
  dir: string;
  data: ProjectConfigData;
  /** The file's text, for a cache key: a change in the config invalidates builds under it. */
  text: string;
  diagnostics: Diagnostic[];
}

const loadedConfigs = new Map<string, ProjectConfig>();

/** Forget remembered lookups (tests create and remove config files). */
export function clearConfigCache(): void {
  forgetConfigFiles();
  loadedConfigs.clear();
}

/**
 * The lint levels that apply to a spec in `dir`, parsed once per config text (a batch has many specs per
 * folder; a config edited between two runs in one process is parsed again).
 */
export function lintLevelsFor(dir: string): ProjectConfigData['lint'] {
  const path = findConfigFile(dir);
  if (!path) return undefined;
  const key = `${path}\u0000${configTextFor(dir)}`;
  let config = loadedConfigs.get(key);
  if (!config) loadedConfigs.set(key, (config = loadProjectConfig(dir)));
  return config.data.lint;
}

/** Read and check the config that applies to a folder; a broken config is reported with its location. */
export function loadProjectConfig(start: string, display: (path: string) => string = (p) => p): ProjectConfig {
  const path = findConfigFile(start);
  if (!path) return { dir: resolve(start), data: {}, text: '', diagnostics: [] };
  const shown = display(path);
  const decoded = decodeSpec(readFileSync(path), shown);
  if (decoded.source === undefined)
    return { path, dir: dirname(path), data: {}, text: '', diagnostics: decoded.diagnostics };
  const loaded: LoadedSpec = loadSpec(decoded.source, shown);
  const base = { path, dir: dirname(path), text: decoded.source };
  if (loaded.data === undefined) {
    // An empty config file is fine; anything else unreadable is an error.
    const onlyEmpty = loaded.diagnostics.every((d) => d.code === 'empty');
    return { ...base, data: {}, diagnostics: onlyEmpty ? [] : loaded.diagnostics };
  }
  const result = ProjectConfigSchema.safeParse(loaded.data);
  if (result.success) return { ...base, data: result.data, diagnostics: loaded.diagnostics };
  return {
    ...base,
    data: {},
    diagnostics: result.error.issues.flatMap((issue) => {
      const at = { file: shown, severity: 'error' as const, code: 'config' as const };
      // Unknown keys: one message per key, at the key (the schema's messages come one a line, in key order).
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((key, i) => ({
          ...at,
          ...locate(loaded, [...issue.path, key], true),
          message: `${pathLabel(issue.path)}: ${issue.message.split('\n')[i] ?? `unknown key "${key}"`}`,
        }));
      return [{ ...at, ...locate(loaded, issue.path), message: `${pathLabel(issue.path)}: ${issue.message}` }];
    }),
  };
}
