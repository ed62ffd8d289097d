import { isAbsolute, resolve } from 'node:path';

/** What a command needs from the outside world; tests and main.ts supply it. */
export type CliContext = {
  /** Directory user-given relative paths are resolved against. */
  cwd: string;
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Set by a command's action; main.ts exits with it. */
  exitCode: number;
};

/** Resolves a path argument the way the user meant it (relative to where they typed the command). */
export function resolveUserPath(ctx: CliContext, path: string): string {
  return isAbsolute(path) ? path : resolve(ctx.cwd, path);
}

/**
 * The directory the user typed the command in. `pnpm trellis ...` at the repository root
 * runs the script with apps/cli as its cwd and the original directory in INIT_CWD.
 */
export function userCwd(env: Record<string, string | undefined>, cwd: string): string {
  return env.INIT_CWD ?? cwd;
}
