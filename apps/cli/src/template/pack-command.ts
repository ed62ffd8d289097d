import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkTemplate } from '@trellis/server';
import { resolveUserPath, type CliContext } from '../context';
import { say, type CliLocale } from '../locale';
import { npmPack } from './npm';
import { formatTemplateIssues } from './validate-command';

/**
 * `trellis template pack <dir> [--out <dir>]`: checks the template, then packs it with npm
 * itself (`npm pack`), so the tarball holds exactly what `npm publish` would upload.
 */
export async function packTemplateCommand(
  ctx: CliContext,
  dir: string,
  o: { locale: CliLocale; out?: string; json?: boolean },
): Promise<void> {
  const folder = resolveUserPath(ctx, dir);
  const checked = checkTemplate(folder, { locale: o.locale });
  if (!checked.ok) {
    ctx.exitCode = checked.kind === 'unreadable' ? 2 : 1;
    ctx.stderr(
      say(o.locale, `✗ 模板无效，未打包：\n`, `✗ The template is not valid; nothing packed:\n`) +
        formatTemplateIssues(checked.errors, o.locale),
    );
    return;
  }
  const out = resolveUserPath(ctx, o.out ?? '.');
  mkdirSync(out, { recursive: true });
  const packed = await npmPack(folder, out, ctx.env);
  if (!packed.ok) {
    ctx.exitCode = 1;
    ctx.stderr(
      say(o.locale, `npm pack 失败：${packed.reason}\n`, `npm pack failed: ${packed.reason}\n`),
    );
    return;
  }
  const r = packed.result;
  const file = join(out, r.filename);
  ctx.exitCode = 0;
  if (o.json)
    return ctx.stdout(
      JSON.stringify({
        ok: true,
        file,
        name: r.name,
        version: r.version,
        files: r.files.map((f) => f.path),
      }) + '\n',
    );
  ctx.stdout(
    say(
      o.locale,
      `✓ 已打包 ${r.name}@${r.version}：${file}（${r.files.length} 个文件，${r.size} 字节）\n  发布：npm publish ${file}\n`,
      `✓ Packed ${r.name}@${r.version}: ${file} (${r.files.length} files, ${r.size} bytes)\n  Publish: npm publish ${file}\n`,
    ),
  );
}
