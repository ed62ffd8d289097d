import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startChromiumServer } from '@trellis/tooling/chromium-server';
import {
  buildCli,
  DEMO_TEMPLATE_ENV,
  makeDemoTemplate,
  startTrellis,
  type DemoLogin,
  type RunningTrellis,
} from './trellis';

declare module 'vitest' {
  export interface ProvidedContext {
    trellis: { url: string; dataDir: string; logins: DemoLogin[] };
  }
}

let server: RunningTrellis | undefined;
let demoTemplate: string | undefined;
let stopChromium: (() => Promise<void>) | undefined;

/**
 * One `trellis start --init-demo` for every browser test file (a start costs 10–30 s on two busy
 * cores). Tests create what they change under unique names, so they do not disturb each other.
 * And one chromium for every file (chromium-per-file.ts), whose address the workers inherit.
 */
export async function setup(project: TestProject): Promise<void> {
  stopChromium = await startChromiumServer();
  // While writing a test: TRELLIS_E2E_URL + TRELLIS_E2E_DATA point at a demo server already
  // running (`trellis start --init-demo --data <dir> --web apps/web/dist`), saving its start.
  const { TRELLIS_E2E_URL: url, TRELLIS_E2E_DATA: dataDir } = process.env;
  if (url && dataDir) {
    const logins = JSON.parse(
      readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8'),
    ) as DemoLogin[];
    project.provide('trellis', { url, dataDir, logins });
    return;
  }
  buildCli();
  // Seeded once; this server and every test file's own demo server start from a copy.
  demoTemplate = await makeDemoTemplate();
  process.env[DEMO_TEMPLATE_ENV] = demoTemplate;
  server = await startTrellis();
  project.provide('trellis', { url: server.url, dataDir: server.dataDir, logins: server.logins });
}

export async function teardown(): Promise<void> {
  await stopChromium?.();
  await server?.stop();
  if (demoTemplate) rmSync(demoTemplate, { recursive: true, force: true });
}
