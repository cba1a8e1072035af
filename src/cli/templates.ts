import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { makeFolder } from '../io/folder.js';
import { EXIT, UsageError, type CliIO } from './io.js';

/** The built-in template files (and their README), relative to the templates folder. */
function builtinTemplateFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.hbs') || entry.name === 'README.md') files.push(relative(root, path));
    }
  };
  walk(root);
  return files;
}

/**
 * Where an ejected file goes: the shared partials (templates/common) at the top of the folder, the
 * language ones in DIR/zh-CN and DIR/en, as `--template DIR` and `template: DIR` read them.
 */
function ejectedPath(file: string): string {
  return file.startsWith(`common/`) || file.startsWith('common\\') ? file.slice('common/'.length) : file;
}

export function registerTemplates(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const templates = program.command('templates').description('templates: copy the built-in ones into a folder to edit');
  templates
    .command('eject')
    .description('copy the built-in templates and a README (the data they get, the directives, the helpers) into DIR')
    .argument('<dir>', 'the folder to create or fill; use it with `template: DIR` in a plan or --template DIR')
    .option('--force', 'overwrite files that exist')
    .action(async (dir: string, flags: { force?: boolean }) => {
      // Loaded here: the template module brings Handlebars, which no other command needs at start-up.
      const { BUILTIN_TEMPLATES } = await import('../render/templates.js');
      const target = resolve(io.cwd, dir);
      const files = builtinTemplateFiles(BUILTIN_TEMPLATES).map((file) => ({
        from: join(BUILTIN_TEMPLATES, file),
        to: ejectedPath(file),
      }));
      const existing = files.filter((f) => existsSync(join(target, f.to)));
      if (existing.length && !flags.force)
        throw new UsageError(
          `${dir} already has ${existing.map((f) => f.to).join(', ')}; add --force to overwrite them`,
        );
      for (const file of files) {
        makeFolder(join(target, file.to, '..'));
        copyFileSync(file.from, join(target, file.to));
      }
      io.stderr.write(
        `copied ${files.length} files to ${dir}: edit them, then build with \`template: ${dir}\` in the plan or --template ${dir} (${dir}/README.md explains them)\n`,
      );
      setExit(EXIT.ok);
    });
}
