import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFolder, cacheRoot } from '../src/cli/cache-folder.js';

describe('the cache folder', () => {
  it('is --cache-dir, else $PLANGEN_CACHE_DIR, else the user cache folder, relative to the working folder', () => {
    expect(cacheFolder('here', { PLANGEN_CACHE_DIR: '/env' }, '/work')).toBe('/work/here');
    expect(cacheFolder(undefined, { PLANGEN_CACHE_DIR: 'env' }, '/work')).toBe('/work/env');
    expect(cacheFolder(undefined, { XDG_CACHE_HOME: '/xdg' }, '/work')).toBe('/xdg/plangen');
    expect(cacheFolder(undefined, { HOME: '/home/u' }, '/work')).toBe(join('/home/u', '.cache', 'plangen'));
  });

  it('is read from a whole command line, in either form of --cache-dir', () => {
    expect(cacheRoot(['build', '--cache-dir', 'here'], { PLANGEN_CACHE_DIR: '/env' }, '/work')).toBe('/work/here');
    expect(cacheRoot(['build', '--cache-dir=/there'], { PLANGEN_CACHE_DIR: '/env' }, '/work')).toBe('/there');
    expect(cacheRoot(['build'], { PLANGEN_CACHE_DIR: 'env' }, '/work')).toBe('/work/env');
  });
});
