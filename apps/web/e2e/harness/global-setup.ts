import type { TestProject } from 'vitest/node';
import { startTrellis, type DemoLogin, type RunningTrellis } from './trellis';

declare module 'vitest' {
  export interface ProvidedContext {
    trellis: { url: string; dataDir: string; logins: DemoLogin[] };
  }
}

let server: RunningTrellis | undefined;

/**
 * One `trellis start --init-demo` for every browser test file (a start costs 10–30 s on two busy
 * cores). Tests create what they change under unique names, so they do not disturb each other.
 */
export async function setup(project: TestProject): Promise<void> {
  server = await startTrellis();
  project.provide('trellis', { url: server.url, dataDir: server.dataDir, logins: server.logins });
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
