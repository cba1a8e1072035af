import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileOptions, createEnvironment } from './environment.js';
import { refuseUnsafe } from './guard.js';

/**
 * The source of the module that replaces precompiled.ts in the bundle: every .hbs under `folder`
 * (templates/common, templates/<lang>) checked by the same guard and precompiled with the same options
 * as render.ts compileTemplates would at run time. Throws on a template it would refuse.
 */
export function precompiledModule(folder: string): string {
  const env = createEnvironment();
  const entries = new Map<string, string>();
  for (const sub of readdirSync(folder, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(join(folder, sub.name)).sort()) {
      if (!name.endsWith('.hbs')) continue;
      const path = join(folder, sub.name, name);
      const source = readFileSync(path, 'utf8');
      const refusal = refuseUnsafe(source);
      if (refusal) throw new Error(`${path}:${refusal.line}:${refusal.col}: ${refusal.message}`);
      // Typed as a specification; it is the specification's JavaScript source.
      entries.set(source, String(env.precompile(source, compileOptions)));
    }
  }
  const rows = [...entries].map(([source, spec]) => `  [${JSON.stringify(source)}, () => (${spec})],`);
  return `export const PRECOMPILED = new Map([\n${rows.join('\n')}\n]);\n`;
}
