import { CommanderError } from 'commander';
import { DataDirBusyError } from '@trellis/server';
import type { CliContext } from './context';
import { preScanLocale } from './locale';
import { t } from './messages';
import { toValidateJson } from './output';
import { buildProgram } from './program';

/** Exit codes of every `trellis` command (docs/cli.md). */
export const EXIT = { ok: 0, invalid: 1, unreadable: 2, usage: 2, internal: 70 } as const;

/**
 * Runs the CLI on `argv` (without the node and script entries) and returns the exit code.
 * Never throws and never prints a stack trace (set TRELLIS_DEBUG=1 to see one).
 */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const locale = preScanLocale(argv, ctx.env);
  try {
    const program = buildProgram(ctx, locale);
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successful exits; everything else commander raises is a usage error.
      if (error.exitCode === 0) return EXIT.ok;
      // A tool that asked for JSON still gets one JSON document on stdout.
      if (argv.includes('--json')) {
        const detail = error.message.replace(/^error: /, '');
        ctx.stdout(
          toValidateJson(false, [
            { path: '', code: 'cli.usage', message: t(locale, 'cli.usage', { detail }) },
          ]),
        );
      }
      return EXIT.usage;
    }
    if (error instanceof DataDirBusyError) {
      // A restore holds the directory (or, for a restore, something else does): say so plainly.
      ctx.stderr(t(locale, `cli.dataDir.${error.reason}`, { dir: error.dir }) + '\n');
      return EXIT.invalid;
    }
    const reason = error instanceof Error ? error.message : String(error);
    ctx.stderr(t(locale, 'cli.internal', { reason }) + '\n');
    if (ctx.env.TRELLIS_DEBUG && error instanceof Error && error.stack)
      ctx.stderr(error.stack + '\n');
    return EXIT.internal;
  }
}
