import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planJsonSchemaText } from '../src/cli/schema.js';
import { validatePlan } from '../src/pipeline.js';
import { planJsonSchema } from '../src/spec/schema.js';
import { runCli, tempDir } from './helpers/cli.js';

const ROOT = join(import.meta.dirname, '..');
const COMMITTED = join(ROOT, 'schema/plan.schema.json');
const INVALID = join(import.meta.dirname, 'fixtures/schema-invalid');

const yamlFiles = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));
const SPECS = [...yamlFiles('examples'), ...yamlFiles('presets')];

/** An independent validator: ajv, draft-07 (the version editors' YAML support implements). */
function ajvValidator() {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  return ajv.compile(JSON.parse(readFileSync(COMMITTED, 'utf8')));
}

describe('the committed schema', () => {
  it('equals the schema generated from the zod spec (regenerate: bin/plangen.js schema -o schema/plan.schema.json)', async () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(await planJsonSchemaText());
  });

  it('is what `plangen schema` prints and writes', async () => {
    const dir = tempDir();
    const printed = await runCli(['schema'], { cwd: dir });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(readFileSync(COMMITTED, 'utf8'));
    const written = await runCli(['schema', '-o', 'out/plan.schema.json'], { cwd: dir });
    expect(written.code).toBe(0);
    expect(readFileSync(join(dir, 'out/plan.schema.json'), 'utf8')).toBe(printed.stdout);
  });

  it('describes every field in English and Chinese, for editors to show while the user types', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [key, value] of Object.entries((n.properties ?? {}) as Record<string, { description?: string }>)) {
        const d = value.description ?? '';
        if (!/[A-Za-z]{3}/.test(d) || !/[\u4e00-\u9fff]/.test(d)) undescribed.push(`${path}.${key}`);
        walk(value, `${path}.${key}`);
      }
      for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
        (n[key] as unknown[] | undefined)?.forEach((b, i) => walk(b, `${path}|${i}`));
      if (n.items) walk(n.items, `${path}[]`);
      for (const [name, def] of Object.entries((n.definitions ?? {}) as Record<string, unknown>)) walk(def, `#${name}`);
    };
    const schema = planJsonSchema();
    walk(schema, '');
    expect(undescribed).toEqual([]);
    // The walk reached the item tree and the new fields, so an empty list means something.
    expect(JSON.stringify(schema)).toContain('"sample"');
    expect(Object.keys((schema as { properties: object }).properties)).toEqual(
      expect.arrayContaining(['risks', 'results', 'closing']),
    );
  });
});

describe('ajv, with the exported schema', () => {
  const validate = ajvValidator();

  it.each(SPECS)('accepts %s', (file) => {
    const data = parse(readFileSync(join(ROOT, file), 'utf8'), { merge: true });
    const ok = validate(data);
    expect(validate.errors ?? [], file).toEqual([]);
    expect(ok).toBe(true);
  });

  it('covers the examples and presets', () => expect(SPECS.length).toBeGreaterThanOrEqual(20));

  const invalid = readdirSync(INVALID).filter((f) => f.endsWith('.yaml'));
  it.each(invalid)('rejects %s, as plangen does', (name) => {
    const source = readFileSync(join(INVALID, name), 'utf8');
    expect(validate(parse(source))).toBe(false);
    expect(validatePlan(source, name).spec).toBeUndefined();
  });

  it('allows the top-level x- keys plangen ignores, and only at the top', () => {
    expect(validate({ title: 't', 'x-owner': { owner: '办公室' } })).toBe(true);
    expect(validatePlan('title: t\nx-owner: { owner: 办公室 }\n', 'x.yaml').spec).toBeDefined();
    expect(validate({ title: 't', signature: { 'x-note': 1 } })).toBe(false);
  });
});
