import { afterAll } from 'vitest';
import { closeOpenStacks } from './stack';

// Runs before each test file (vitest setupFiles): the stores of the file's fullStack() calls are
// closed once its tests are done, whether or not the test closed them.
afterAll(closeOpenStacks);
