import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readersFor } from '../helpers/e2e.js';
import { runCli, tempDir } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '../..');

/** Temp folders of -f pdf: its staged DOCX files (plangen-stage-) and LibreOffice's run (plangen-pdf-). */
const named = (prefix: string) => readdirSync(tmpdir()).filter((name) => name.startsWith(prefix));

describe.skipIf(readersFor('PDF signals', ['soffice']).skip)('a signal while LibreOffice makes the PDF', () => {
  // Once the DOCX is staged (the conversion is about to start), and once LibreOffice's own folder exists
  // (it runs): both are stopped, LibreOffice with them.
  const moments = {
    staged: () => named('plangen-stage-').some((name) => existsSync(join(tmpdir(), name, '0.docx'))),
    converting: () => named('plangen-pdf-').some((name) => existsSync(join(tmpdir(), name, 'profile'))),
  };
  for (const [moment, reached] of Object.entries(moments)) {
    it(`${moment}: exit 130, no PDF, no temp folder left, nothing counted as built`, async () => {
      const dir = tempDir('plangen-interrupted-');
      copyFileSync(join(ROOT, 'examples/city-tech-bureau.yaml'), join(dir, 'plan.yaml'));
      let signalled = false;
      const poll = () => {
        if (!reached()) return void setTimeout(poll, 2);
        signalled = true;
        process.emit('SIGTERM', 'SIGTERM');
      };
      setTimeout(poll, 2);
      const run = await runCli(['build', 'plan.yaml', '-o', 'out', '-f', 'pdf', '--no-cache'], {
        cwd: dir,
        env: { PATH: process.env.PATH },
      });
      expect(signalled, run.stderr).toBe(true);
      expect(run.code, run.stderr).toBe(130);
      expect(run.stderr).toContain('interrupted: 0 built');
      expect(run.stderr).not.toContain('could not be made');
      expect(existsSync(join(dir, 'out', 'plan.pdf'))).toBe(false);
      expect([...named('plangen-stage-'), ...named('plangen-pdf-')]).toEqual([]);
    }, 120_000);
  }
});
