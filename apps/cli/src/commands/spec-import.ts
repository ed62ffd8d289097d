import type { Command } from 'commander';
import { openRuntime } from '@trellis/server';
import { resolveUserPath } from '../context';
import { say } from '../locale';
import { loadSpec } from '../template/load-spec';
import { dataOption, type CliCommand } from './command';
import { workspacePaths } from './workspace';
import { describeDiff, describePlan } from './spec-diff-text';
import { specGroup } from './spec-export';

/**
 * `trellis spec import <file-or-template> [--dry-run]`: publishes a spec through the normal
 * path (validate, diff, migration plan, apply); --dry-run prints the plan only.
 */
export const specImportCommand: CliCommand = {
  name: 'spec-import',
  register(program: Command, ctx, locale) {
    specGroup(program, locale)
      .command('import')
      .description(
        say(
          locale,
          '校验并发布一个规格（走发布流程与迁移计划）',
          'Validate and publish a spec (publish path with migration plan)',
        ),
      )
      .argument('<file-or-template-folder>')
      .option(
        '--dry-run',
        say(
          locale,
          '只显示变化与迁移计划，不发布',
          'show the changes and the migration plan without publishing',
        ),
      )
      .option('--note <text>', say(locale, '版本说明', 'version note'))
      .option(...dataOption(locale))
      .action(async (target: string, o: { dryRun?: boolean; note?: string; data?: string }) => {
        const loaded = loadSpec(resolveUserPath(ctx, target), target, { locale });
        if (!loaded.ok) {
          ctx.stderr(loaded.errors.map((e) => `${e.path}: ${e.message}`).join('\n') + '\n');
          ctx.exitCode = 2;
          return;
        }
        const paths = workspacePaths(ctx, locale, o);
        if (!paths) {
          ctx.exitCode = 2;
          return;
        }
        const rt = await openRuntime(paths);
        try {
          const versions = rt.store.specs;
          // Internal targets the operator allows automations to send to (see deploy.md).
          const allow = ctx.env.TRELLIS_OUTBOUND_ALLOW
            ? { outboundAllow: ctx.env.TRELLIS_OUTBOUND_ALLOW }
            : {};
          const preview = await versions.preview(loaded.spec, { locale, ...allow });
          if (!preview.ok) {
            ctx.stderr(preview.errors.map((e) => `${e.path}: ${e.message}`).join('\n') + '\n');
            ctx.exitCode = 1;
            return;
          }
          ctx.stdout(describeDiff(preview.diff, locale) + describePlan(preview.plan, locale));
          if (o.dryRun) return;
          // The API's publish: refused when its roles leave nobody able to manage users.
          const published = await rt.app.ctx.publishSpec({
            opts: { spec: loaded.spec, note: o.note ?? `import ${target}`, locale, ...allow },
          });
          if (!published.ok) {
            ctx.stderr(published.errors.map((e) => `${e.path}: ${e.message}`).join('\n') + '\n');
            ctx.exitCode = 1;
            return;
          }
          if (published.unchanged)
            ctx.stdout(
              say(
                locale,
                `与当前版本 ${published.version} 相同，未发布新版本\n`,
                `Same as the live version ${published.version}; nothing published\n`,
              ),
            );
          else
            ctx.stdout(
              say(
                locale,
                `已发布版本 ${published.version}\n`,
                `Published version ${published.version}\n`,
              ),
            );
        } finally {
          await rt.close();
        }
      });
  },
};
