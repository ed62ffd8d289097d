import { Option } from 'commander';
import { resolveUserPath, type CliContext } from '../context';
import { CLI_LOCALES, type CliLocale } from '../locale';
import { t } from '../messages';
import { formatIssues, toValidateJson } from '../output';
import { validateAppSpec } from '../spec-validator';
import { bundleTemplate } from '@trellis/server';
import { loadSpec } from '../template/load-spec';
import type { CliCommand } from './command';

type ValidateOptions = { locale: CliLocale; json?: boolean };

/** `trellis spec validate|bundle`. */
export const specCommand: CliCommand = {
  name: 'spec',
  register(program, ctx, locale) {
    const spec = program.command('spec').description(t(locale, 'help.spec'));
    spec
      .command('validate')
      .description(t(locale, 'help.validate'))
      .argument('<file-or-template-folder>', t(locale, 'help.target'))
      .addOption(localeOption(locale))
      .option('--json', t(locale, 'help.json'))
      .action((target: string, options: ValidateOptions) => validate(ctx, target, options));
    spec
      .command('bundle')
      .description(t(locale, 'help.bundle'))
      .argument('<template-folder>', t(locale, 'help.folder'))
      .addOption(localeOption(locale))
      .action((folder: string, options: { locale: CliLocale }) =>
        bundle(ctx, folder, options.locale),
      );
  },
};

function localeOption(locale: CliLocale): Option {
  return new Option('--locale <locale>', t(locale, 'help.locale'))
    .choices(CLI_LOCALES)
    .default(locale);
}

function validate(ctx: CliContext, target: string, { locale, json }: ValidateOptions): void {
  const loaded = loadSpec(resolveUserPath(ctx, target), target, { locale });
  if (!loaded.ok) {
    ctx.exitCode = loaded.kind === 'unreadable' ? 2 : 1;
    if (json) ctx.stdout(toValidateJson(false, loaded.errors));
    else {
      const head =
        loaded.kind === 'unreadable'
          ? t(locale, 'validate.unreadable', { target })
          : t(locale, 'validate.failed', { target, count: loaded.errors.length });
      (loaded.kind === 'unreadable' ? ctx.stderr : ctx.stdout)(
        head +
          '\n' +
          formatIssues(
            loaded.errors,
            () => undefined,
            () => '',
          ),
      );
    }
    return;
  }
  const result = validateAppSpec(loaded.spec, locale, ctx.env.TRELLIS_OUTBOUND_ALLOW);
  ctx.exitCode = result.ok ? 0 : 1;
  if (json) return ctx.stdout(toValidateJson(result.ok, result.errors));
  if (result.ok)
    return ctx.stdout(t(locale, 'validate.ok', { target, ...counts(loaded.spec) }) + '\n');
  ctx.stdout(
    t(locale, 'validate.failed', { target, count: result.errors.length }) +
      '\n' +
      formatIssues(result.errors, loaded.sourceOf, (source) =>
        t(locale, 'validate.in', { source }),
      ),
  );
}

function bundle(ctx: CliContext, folder: string, locale: CliLocale): void {
  const result = bundleTemplate(resolveUserPath(ctx, folder), { locale });
  if (!result.ok) {
    ctx.exitCode = result.kind === 'unreadable' ? 2 : 1;
    ctx.stderr(
      formatIssues(
        result.errors,
        () => undefined,
        () => '',
      ),
    );
    return;
  }
  ctx.stdout(JSON.stringify(result.spec, null, 2) + '\n');
  ctx.exitCode = 0;
}

function counts(spec: unknown): Record<string, number> {
  const doc = (typeof spec === 'object' && spec !== null ? spec : {}) as Record<string, unknown>;
  const size = (key: string): number =>
    Array.isArray(doc[key]) ? (doc[key] as unknown[]).length : 0;
  return {
    entities: size('entities'),
    pipelines: size('pipelines'),
    automations: size('automations'),
    forms: size('forms'),
  };
}
