import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from './context';
import { CHECKOUT_WEB_BUILD, webDirOf } from './web-dir';

const root = mkdtempSync(join(tmpdir(), 'trellis-webdir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const ctx = (env: Record<string, string> = {}): CliContext => ({
  cwd: root,
  env,
  stdout: () => undefined,
  stderr: () => undefined,
  exitCode: 0,
});
const build = (name: string) => {
  mkdirSync(join(root, name), { recursive: true });
  writeFileSync(join(root, name, 'index.html'), '<!doctype html>');
  return join(root, name);
};

describe('webDirOf', () => {
  it('takes --web (relative to where the command was typed) over TRELLIS_WEB and the data directory', () => {
    const given = build('given');
    build('env');
    expect(webDirOf(ctx({ TRELLIS_WEB: 'env' }), 'given', build('data-web'))).toBe(given);
    expect(webDirOf(ctx({ TRELLIS_WEB: 'env' }), undefined, join(root, 'data-web'))).toBe(
      join(root, 'env'),
    );
  });

  it("prefers the data directory's own build, and serves nothing from a folder without index.html", () => {
    expect(webDirOf(ctx(), undefined, join(root, 'data-web'))).toBe(join(root, 'data-web'));
    mkdirSync(join(root, 'empty'), { recursive: true });
    expect(webDirOf(ctx(), 'empty', join(root, 'data-web'))).toBeUndefined();
  });

  it("falls back to this checkout's apps/web/dist", () => {
    expect(CHECKOUT_WEB_BUILD.replace(/\\/g, '/')).toMatch(/apps\/web\/dist\/$/);
    const built = existsSync(join(CHECKOUT_WEB_BUILD, 'index.html'));
    expect(webDirOf(ctx(), undefined, join(root, 'no-such-dir'))).toBe(
      built ? CHECKOUT_WEB_BUILD : undefined,
    );
  });
});
