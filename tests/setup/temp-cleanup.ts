import { afterAll } from 'vitest';
import { removeTempDirs } from '../helpers/cli.js';

// Runs in every test file: the folders its tests made with tempDir() go when the file ends.
afterAll(removeTempDirs);
