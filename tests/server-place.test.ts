import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handlesInterrupts, serverSocket, serverWanted } from '../src/cli/server/place.js';
import { tempDir } from './helpers/cli.js';

const dir = tempDir();

describe('which commands go to the build server', () => {
  it('build, validate and lint, wherever the global options put them', () => {
    for (const argv of [
      ['build', 'a.yaml'],
      ['--debug', 'validate', 'x'],
      ['lint', '--format', 'json', 'p'],
    ])
      expect(serverWanted(argv, {}, 'linux'), argv.join(' ')).toBe(true);
  });

  it('not the others, nor help, nor in CI, with PLANGEN_SERVER=0 or on Windows', () => {
    for (const argv of [['init', '--preset', 'x'], ['server', 'status'], ['--version'], [], ['build', '--help']])
      expect(serverWanted(argv, {}, 'linux'), argv.join(' ')).toBe(false);
    expect(serverWanted(['build', 'a'], { CI: 'true' }, 'linux')).toBe(false);
    expect(serverWanted(['build', 'a'], { CI: 'false' }, 'linux')).toBe(true);
    expect(serverWanted(['build', 'a'], { PLANGEN_SERVER: '0' }, 'linux')).toBe(false);
    expect(serverWanted(['build', 'a'], {}, 'win32')).toBe(false);
  });
});

describe('Ctrl-C on a served command', () => {
  it('goes to the server for a build, which stops its builds; ends the client at once for the others', () => {
    expect(handlesInterrupts(['--debug', 'build', 'a.yaml'])).toBe(true);
    expect(handlesInterrupts(['validate', 'build.yaml'])).toBe(false);
    expect(handlesInterrupts(['lint', 'a.yaml'])).toBe(false);
  });
});

describe('where its socket lives', () => {
  it('in a folder of its own that only this user may enter, named for the bundle, Node and architecture', () => {
    const socket = serverSocket(join(dir, 'c'), 'abc123');
    expect(socket).toBe(join(dir, 'c', 'server', `abc123-${process.version}-${process.arch}.sock`));
    expect(statSync(join(dir, 'c', 'server')).mode & 0o777).toBe(0o700);
  });

  it('nowhere when that folder is open to others, or the path is too long for a socket', () => {
    mkdirSync(join(dir, 'shared', 'server'), { recursive: true });
    chmodSync(join(dir, 'shared', 'server'), 0o777);
    expect(serverSocket(join(dir, 'shared'), 'abc123')).toBeUndefined();
    expect(serverSocket(join(dir, 'x'.repeat(90)), 'abc123')).toBeUndefined();
  });
});
