import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveUserPath, type CliContext } from '../context';
import { npmPack } from './npm';

/** A template folder to read, and how to clean up after reading it. */
export type TemplateFolder = { ok: true; dir: string; from: string; dispose(): void };
export type SourceFailure = { ok: false; reason: string };

const BUNDLED = /^[a-z][a-z0-9-]*$/;

/** The folder of a template shipped with Trellis (`education`, `b2b-sales`), if `name` is one. */
export function bundledTemplateDir(name: string): string | null {
  if (!BUNDLED.test(name)) return null;
  try {
    return dirname(
      createRequire(import.meta.url).resolve(`@trellis/template-${name}/template.json`),
    );
  } catch {
    return null;
  }
}

/** The folders of every template shipped with Trellis (the builder's gallery offers them). */
export function bundledTemplateDirs(): string[] {
  return BUNDLED_NAMES.map(bundledTemplateDir).filter((d): d is string => d !== null);
}
const BUNDLED_NAMES = ['education', 'b2b-sales'];

/**
 * Finds the template the user named: a folder; a packed `.tgz` (unpacked into a temporary
 * folder); the name of a template shipped with Trellis; otherwise an npm package spec
 * (`@acme/trellis-template-clinic@1.2.0`), fetched with npm's own client and unpacked.
 */
export async function openTemplateSource(
  ctx: CliContext,
  source: string,
): Promise<TemplateFolder | SourceFailure> {
  const path = resolveUserPath(ctx, source);
  if (existsSync(path) && statSync(path).isDirectory())
    return { ok: true, dir: path, from: path, dispose: () => {} };
  if (existsSync(path) && /\.(tgz|tar\.gz)$/.test(path)) return unpack(path, path);
  const bundled = bundledTemplateDir(source);
  if (bundled) return { ok: true, dir: bundled, from: source, dispose: () => {} };
  if (existsSync(path)) return { ok: false, reason: `${source}: not a folder or a .tgz` };
  const download = mkdtempSync(join(tmpdir(), 'trellis-npm-'));
  const packed = await npmPack(source, download, ctx.env);
  if (!packed.ok) {
    rmSync(download, { recursive: true, force: true });
    return { ok: false, reason: packed.reason };
  }
  const opened = await unpack(join(download, packed.result.filename), source);
  rmSync(download, { recursive: true, force: true });
  return opened;
}

async function unpack(file: string, from: string): Promise<TemplateFolder | SourceFailure> {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-template-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    // npm tarballs hold everything under package/; tar refuses absolute and ../ entries.
    // tar loads here, not with every command: only a packed template needs it.
    const { x: extract } = await import('tar');
    await extract({ file, cwd: dir, strip: 1 });
    return { ok: true, dir, from, dispose };
  } catch (error) {
    dispose();
    return { ok: false, reason: `${from}: ${error instanceof Error ? error.message : error}` };
  }
}
