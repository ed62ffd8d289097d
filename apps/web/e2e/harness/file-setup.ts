import { afterAll } from 'vitest';
import { closeSharedChromium, shareChromiumInThisFile } from './chromium-per-file';

// Runs before each test file (vitest setupFiles): the file's browser tests share one chromium,
// closed when the file is done so no browser outlives it.
shareChromiumInThisFile();
afterAll(closeSharedChromium);
