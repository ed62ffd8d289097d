import type { Command } from 'commander';
import type { CliContext } from '../context';
import { say, type CliLocale } from '../locale';

/**
 * A top-level `trellis` command. Each lives in `commands/<name>.ts` and is listed once in
 * program.ts; its actions write through `ctx` and set `ctx.exitCode`.
 */
export type CliCommand = {
  name: string;
  register(program: Command, ctx: CliContext, locale: CliLocale): void;
};

/** The `--data <dir>` option every command that opens a data directory takes (flags, help). */
export function dataOption(locale: CliLocale): [string, string] {
  return [
    '--data <dir>',
    say(
      locale,
      '数据目录（默认 ./data 或 TRELLIS_DATA）',
      'data directory (default ./data or TRELLIS_DATA)',
    ),
  ];
}
