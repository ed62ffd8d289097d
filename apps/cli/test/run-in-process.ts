import { runCli } from '../src/run';

/**
 * Runs a `trellis` command inside the test's process, as main.ts does, with its output collected
 * instead of printed: what a test of one command's behaviour needs, without spawning the build.
 * English messages unless `env` says otherwise.
 */
export async function runInProcess(
  argv: string[],
  cwd: string,
  env: Record<string, string | undefined> = { TRELLIS_LOCALE: 'en' },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(argv, {
    cwd,
    env,
    stdout: (s) => void (out.stdout += s),
    stderr: (s) => void (out.stderr += s),
    exitCode: 0,
  });
  return { code, ...out };
}
