import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { keepAttemptErrors } from './attempt-errors';
import { closeSharedChromium, shareChromiumInThisFile } from './chromium-per-file';

// Runs before each test file (vitest setupFiles): the file's browser tests share one connection
// to the run's chromium, closed with every context it opened when the file is done; every failed
// attempt's error is kept in e2e/artifacts (a test that passes on its retry would otherwise leave
// none).
shareChromiumInThisFile();
afterAll(closeSharedChromium);
keepAttemptErrors(join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts'));
