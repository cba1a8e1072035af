import type { z } from 'zod';
import { hasErrors, type Diagnostic } from '../core/diagnostic.js';
import type { LoadedSpec } from './load.js';
import { locate } from './locate.js';
import { PlanSpecSchema, type ItemSpec, type PlanSpec } from './schema.js';

export interface ValidatedSpec {
  spec?: PlanSpec;
  diagnostics: Diagnostic[];
}

/** Item trees nest at most this deep (（一）→1.→（1）→① under a section heading). */
export const MAX_ITEM_DEPTH = 4;

type Issue = z.core.$ZodIssue;

export function validateSpec(loaded: LoadedSpec): ValidatedSpec {
  const diagnostics = [...loaded.diagnostics];
  if (hasErrors(diagnostics) || loaded.data === undefined) return { diagnostics };

  const result = PlanSpecSchema.safeParse(withoutExtensions(loaded.data));
  if (!result.success) {
    for (const issue of flattenIssues(result.error.issues)) diagnostics.push(...toDiagnostics(loaded, issue));
    diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);
    return { diagnostics };
  }
  checkDepth(loaded, result.data, diagnostics);
  return hasErrors(diagnostics) ? { diagnostics } : { spec: result.data, diagnostics };
}

/**
 * Any YAML file against any schema, with the plan's located messages (style files use it). Top-level
 * `x-` keys are the user's own here too.
 */
export function validateWith<T>(loaded: LoadedSpec, schema: z.ZodType<T>): { value?: T; diagnostics: Diagnostic[] } {
  const diagnostics = [...loaded.diagnostics];
  if (hasErrors(diagnostics) || loaded.data === undefined) return { diagnostics };
  const result = schema.safeParse(withoutExtensions(loaded.data));
  if (result.success) return { value: result.data, diagnostics };
  for (const issue of flattenIssues(result.error.issues)) diagnostics.push(...toDiagnostics(loaded, issue));
  diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);
  return { diagnostics };
}

/** Top-level keys starting with `x-` are the user's own (anchors for shared blocks), as in Compose files. */
function withoutExtensions(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  return Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith('x-')));
}

/**
 * A union (text or mapping) fails with every branch's issues. Report the branch the user meant: the one
 * whose type matched at the union's own path, i.e. whose issues all lie deeper.
 */
function flattenIssues(issues: readonly Issue[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) {
      out.push(issue);
      continue;
    }
    const depth = issue.path.length;
    const matched = issue.errors.find((branch) =>
      branch.every((i) => !(i.code === 'invalid_type' && i.path.length === 0)),
    );
    if (matched) {
      out.push(...flattenIssues(matched.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue)));
    } else {
      const expected = issue.errors
        .map((branch) => branch.find((i) => i.code === 'invalid_type' && i.path.length === 0))
        .filter(Boolean) as Array<Extract<Issue, { code: 'invalid_type' }>>;
      const names = [...new Set(expected.map((i) => typeName(i.expected)))];
      out.push({
        code: 'custom',
        path: issue.path.slice(0, depth),
        message: names.join(' or '),
        params: { expected: true },
      } as Issue);
    }
  }
  return out;
}

function toDiagnostics(loaded: LoadedSpec, issue: Issue): Diagnostic[] {
  const base = { file: loaded.file, severity: 'error' as const, code: 'schema' as const };
  if (issue.code === 'unrecognized_keys') {
    const lines = issue.message.split('\n');
    return issue.keys.map((key, i) => ({
      ...base,
      ...locate(loaded, [...issue.path, key], true),
      message: lines[i] ?? `unknown key "${key}"`,
    }));
  }
  const where = pathLabel(issue.path);
  return [
    {
      ...base,
      ...locate(loaded, issue.path),
      message: `${where}: ${describeIssue(issue, valueAt(loaded.data, issue.path))}`,
    },
  ];
}

/** The user's value at a path (zod does not keep inputs in its issues). */
function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function describeIssue(issue: Issue, input: unknown): string {
  if (issue.code === 'invalid_type') {
    if (input === undefined) return `required, expected ${typeName(issue.expected)}`;
    return `expected ${typeName(issue.expected)}, got ${describeValue(input)}`;
  }
  if (issue.code === 'custom' && issue.params?.expected) {
    return input === undefined
      ? `required, expected ${issue.message}`
      : `expected ${issue.message}, got ${describeValue(input)}`;
  }
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  // `positive()` is an exclusive minimum: 0 is not "at least 0".
  if (issue.code === 'too_small' && issue.origin === 'number')
    return issue.inclusive === false ? `must be more than ${issue.minimum}` : `must be at least ${issue.minimum}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `must be at most ${issue.maximum}`;
  return issue.message;
}

function typeName(expected: string): string {
  return (
    (
      {
        string: 'text',
        number: 'a number',
        int: 'a whole number',
        array: 'a list',
        object: 'a mapping',
        boolean: 'true or false',
      } as Record<string, string>
    )[expected] ?? expected
  );
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return `${typeof value === 'number' ? 'the number' : typeof value} ${String(value)}`;
}

/** `tasks[2].items[0].title` — a path the user can find in their file. */
export function pathLabel(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return 'plan';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function checkDepth(loaded: LoadedSpec, spec: PlanSpec, diagnostics: Diagnostic[]): void {
  const roots: Array<[PropertyKey[], Array<string | ItemSpec> | undefined, number?]> = [];
  for (const key of ['results', 'tasks', 'measures'] as const) {
    const section = spec[key];
    if (section) roots.push(Array.isArray(section) ? [[key], section] : [[key, 'items'], section.items]);
  }
  // An indicator's narrative is itself the first level (（一）), so its items start one level down.
  const indicators =
    spec.indicators &&
    (Array.isArray(spec.indicators)
      ? { path: ['indicators'], rows: spec.indicators }
      : { path: ['indicators', 'rows'], rows: spec.indicators.rows });
  indicators?.rows.forEach((row, i) => roots.push([[...indicators.path, i, 'items'], row.items, 2]));
  spec.sections?.forEach((s, i) => roots.push([['sections', i, 'items'], s.items]));
  spec.attachments?.forEach((a, i) => typeof a !== 'string' && roots.push([['attachments', i, 'items'], a.items]));

  const walk = (items: Array<string | ItemSpec> | undefined, path: PropertyKey[], depth: number): void => {
    items?.forEach((item, i) => {
      if (typeof item === 'string') return;
      if (item.items?.length && depth >= MAX_ITEM_DEPTH) {
        diagnostics.push({
          file: loaded.file,
          ...locate(loaded, [...path, i, 'items'], true),
          severity: 'error',
          code: 'schema',
          message: `${pathLabel([...path, i, 'items'])}: items nest at most ${MAX_ITEM_DEPTH} levels deep (（一） 1. （1） ①)`,
        });
        return;
      }
      walk(item.items, [...path, i, 'items'], depth + 1);
    });
  };
  for (const [path, items, depth] of roots) walk(items, path, depth ?? 1);
}
