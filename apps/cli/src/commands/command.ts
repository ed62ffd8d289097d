import type { Command } from 'commander';
import type { CliContext } from '../context';
import type { CliLocale } from '../locale';

/**
 * A top-level `trellis` command. Each lives in `commands/<name>.ts` and is listed once in
 * program.ts; its actions write through `ctx` and set `ctx.exitCode`.
 */
export type CliCommand = {
  name: string;
  register(program: Command, ctx: CliContext, locale: CliLocale): void;
};
