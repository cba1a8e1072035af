import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../io/atomic.js';
import { EXIT, UsageError, type CliIO } from './io.js';

export function registerStyles(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const styles = program.command('styles').description('style profiles: write a built-in one as a file to edit');
  styles
    .command('eject')
    .description('write a built-in profile (official or business) as a style file: `style: ./house.yaml` uses it')
    .argument('<profile>', 'official or business')
    .argument('[file]', 'where to write it; without it, print to stdout')
    .option('--force', 'overwrite an existing file')
    .action(async (name: string, file: string | undefined, flags: { force?: boolean }) => {
      // Loaded here: the style modules bring YAML and the reference-DOCX reader, which start-up need not pay for.
      const { isBuiltinStyle } = await import('../style/resolve.js');
      const { ejectStyle } = await import('../style/eject.js');
      const { PROFILES } = await import('../doc/docx/profile.js');
      if (!isBuiltinStyle(name)) throw new UsageError(`unknown profile "${name}"; use official or business`);
      const text = ejectStyle(PROFILES[name]);
      if (file === undefined) {
        io.stdout.write(text);
      } else {
        const path = resolve(io.cwd, file);
        if (existsSync(path) && !flags.force) throw new UsageError(`${file} exists; add --force to overwrite it`);
        writeFileAtomic(path, text);
        io.stderr.write(
          `wrote ${file}: edit it, then build with \`style: ./${file}\` in the plan or --style ${file}\n`,
        );
      }
      setExit(EXIT.ok);
    });
}
