import type { Command } from 'commander';
import { setWebhookSecret, webhookSourceList } from '@trellis/server';
import { say } from '../locale';
import { dataOption, type CliCommand } from './command';
import { withRuntime } from './with-runtime';

/** `trellis webhooks list` and `trellis webhooks secret set <source>`: webhook secrets without the API. */
export const webhooksCommand: CliCommand = {
  name: 'webhooks',
  register(program: Command, ctx, locale) {
    const webhooks = program
      .command('webhooks')
      .description(say(locale, '管理 Webhook 来源的密钥', 'Manage webhook source secrets'));
    const dataOpt = dataOption(locale);
    webhooks
      .command('list')
      .description(
        say(
          locale,
          '列出 Webhook 来源及密钥是否已设置',
          'List webhook sources and whether their secret is set',
        ),
      )
      .option('--json', 'JSON')
      .option(...dataOpt)
      .action((o: { data?: string; json?: boolean }) =>
        withRuntime(ctx, locale, o.data, async (rt) => {
          const list = await webhookSourceList(rt.app.ctx);
          if (o.json) return ctx.stdout(JSON.stringify(list, null, 2) + '\n');
          for (const w of list) {
            const state = w.secretSet
              ? say(locale, '已设置', 'set')
              : say(locale, '未设置', 'not set');
            ctx.stdout(
              `${w.key.padEnd(16)} ${w.auth.padEnd(6)} ${w.endpoint.padEnd(24)} ${state}\n`,
            );
          }
        }),
      );
    webhooks
      .command('secret')
      .description(say(locale, 'Webhook 来源的密钥', 'Secret of a webhook source'))
      .command('set')
      .description(
        say(
          locale,
          '设置（或生成）来源的密钥，只显示这一次',
          'Set (or generate) the secret of a source; shown only this once',
        ),
      )
      .argument('<source>', say(locale, 'Webhook 来源键', 'webhook source key'))
      .option(
        '--secret <secret>',
        say(
          locale,
          '使用给定的密钥（至少 16 个字符），默认随机生成',
          'use this secret (16+ characters) instead of a generated one',
        ),
      )
      .option(...dataOpt)
      .action((key: string, o: { data?: string; secret?: string }) =>
        withRuntime(ctx, locale, o.data, async (rt) => {
          const set = await setWebhookSecret(rt.app.ctx, key, o.secret);
          if (!set.ok) {
            const known = (await webhookSourceList(rt.app.ctx)).map((w) => w.key).join(', ');
            const why = {
              source_not_found: say(
                locale,
                `未知的 Webhook 来源：${key}（可用：${known}）`,
                `Unknown webhook source: ${key} (known: ${known})`,
              ),
              secret_too_short: say(
                locale,
                '密钥至少需要 16 个字符',
                'The secret needs at least 16 characters',
              ),
              secret_key_missing: say(
                locale,
                '数据目录缺少 secret.key，无法加密 HMAC 密钥',
                'The data directory has no secret.key to encrypt an HMAC secret with',
              ),
            }[set.code];
            ctx.stderr(why + '\n');
            ctx.exitCode = 1;
            return;
          }
          ctx.stdout(
            say(
              locale,
              `已设置 ${set.source} 的密钥（${set.auth}，请求头 ${set.header}）。请现在保存，它不会再次显示：\n`,
              `Secret of ${set.source} set (${set.auth}, header ${set.header}). Save it now, it is not shown again:\n`,
            ),
          );
          ctx.stdout(`${set.secret}\n`);
        }),
      );
  },
};
