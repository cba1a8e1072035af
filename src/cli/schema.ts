import { resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../io/atomic.js';
import { createReporter, displayPath } from './report.js';
import { EXIT, type CliIO } from './io.js';

/** The JSON Schema as committed in schema/plan.schema.json: two-space indent, final newline. */
export async function planJsonSchemaText(): Promise<string> {
  const { planJsonSchema } = await import('../spec/schema.js'); // zod loads only for this command
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}

export function registerSchema(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('schema')
    .description('print the JSON Schema of plan specs, for editors and validators')
    .option('-o, --output <file>', 'write it to a file instead of standard output')
    .action(async (flags: { output?: string }) => {
      if (!flags.output) io.stdout.write(await planJsonSchemaText());
      else {
        const target = resolve(io.cwd, flags.output);
        writeFileAtomic(target, await planJsonSchemaText());
        createReporter(io).info(`wrote ${displayPath(io.cwd, target)}`);
      }
      setExit(EXIT.ok);
    });
}
