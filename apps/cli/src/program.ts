import { Command, Option } from 'commander';
import { CLI_LOCALES } from './locale';
import type { CliContext } from './context';
import type { CliLocale } from './locale';
import { t } from './messages';
import type { CliCommand } from './commands/command';
import { specCommand } from './commands/spec';
import { templateCommand } from './commands/template';
import { initCommand } from './commands/init';
import { startCommand } from './commands/start';
import { usersCommand } from './commands/users';
import { backupCommand } from './commands/backup';
import { restoreCommand } from './commands/restore';
import { specExportCommand } from './commands/spec-export';
import { specImportCommand } from './commands/spec-import';
import { webhooksCommand } from './commands/webhooks';
import { seedCommand } from './commands/seed';
import { migrateDataCommand } from './commands/migrate-data';

/** Every top-level command, registered in this one place (one line each). */
const commands: readonly CliCommand[] = [
  specCommand,
  templateCommand,
  initCommand,
  startCommand,
  usersCommand,
  backupCommand,
  restoreCommand,
  specExportCommand,
  specImportCommand,
  webhooksCommand,
  seedCommand,
  migrateDataCommand,
];

/**
 * Builds the `trellis` commander program. Output goes through `ctx`; commander's own exits
 * (help, usage errors) are turned into exceptions so run.ts decides the exit code.
 */
export function buildProgram(ctx: CliContext, locale: CliLocale): Command {
  const program = new Command('trellis')
    .description(t(locale, 'help.program'))
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) })
    .showHelpAfterError();
  for (const command of commands) command.register(program, ctx, locale);
  addLocaleEverywhere(program, locale);
  return program;
}

/**
 * `--locale` on every command that does not declare it: runCli reads it before parsing
 * (preScanLocale), so here it only has to be accepted, checked and listed in the help.
 */
function addLocaleEverywhere(command: Command, locale: CliLocale): void {
  for (const sub of command.commands) {
    if (!sub.options.some((o) => o.long === '--locale'))
      sub.addOption(
        new Option('--locale <locale>', t(locale, 'help.locale'))
          .choices(CLI_LOCALES)
          .default(locale),
      );
    addLocaleEverywhere(sub, locale);
  }
}
