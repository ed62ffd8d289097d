import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from './run-in-process';
import { REPO_ROOT } from './run-cli';

// `trellis template install <package-name>` fetches a published template with npm's own client
// (npm pack <spec>) from the registry npm is configured with. Here that registry is a small
// local one serving what `npm publish` would have uploaded: the packument and the tarball that
// `trellis template pack` made.
const NAME = '@acme/trellis-template-notes';
const work = mkdtempSync(join(tmpdir(), 'template-npm-'));
let registry: Server;
let url = '';
const requests: string[] = [];

function packument(tarball: Buffer, base: string) {
  const dist = {
    tarball: `${base}/tarballs/notes-0.1.0.tgz`,
    shasum: createHash('sha1').update(tarball).digest('hex'),
    integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
  };
  return {
    name: NAME,
    'dist-tags': { latest: '0.1.0' },
    versions: { '0.1.0': { name: NAME, version: '0.1.0', dist } },
  };
}

const trellis = (...argv: string[]) =>
  runInProcess(argv, work, {
    TRELLIS_LOCALE: 'en',
    npm_config_registry: `${url}/`,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_userconfig: join(work, 'npmrc'),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  });

let tarball = Buffer.alloc(0);

beforeAll(async () => {
  registry = createServer((req, res) => {
    const path = decodeURIComponent(req.url ?? '');
    requests.push(path);
    if (path === `/${NAME}`) {
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify(packument(tarball, url)));
    }
    if (path === '/tarballs/notes-0.1.0.tgz') {
      res.setHeader('content-type', 'application/octet-stream');
      return res.end(tarball);
    }
    res.statusCode = 404;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ error: 'Not found' }));
  });
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
  // A one-entity template (the blank one, renamed) packed as its author would publish it.
  const dir = join(work, 'notes');
  cpSync(join(REPO_ROOT, 'templates', 'blank'), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'template.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  writeFileSync(
    join(dir, 'template.json'),
    JSON.stringify({ ...manifest, name: 'notes', label: { 'zh-CN': '笔记', en: 'Notes' } }),
  );
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, name: NAME }));
  writeFileSync(join(work, 'npmrc'), '');
  const packed = await trellis('template', 'pack', 'notes', '--out', 'dist');
  expect(packed.code, packed.stderr).toBe(0);
  const tgz = readdirSync(join(work, 'dist')).find((f) => f.endsWith('.tgz'))!;
  tarball = readFileSync(join(work, 'dist', tgz));
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (registry ? registry.close(() => resolve()) : resolve()));
  rmSync(work, { recursive: true, force: true });
});

describe('trellis template install <npm package name>', () => {
  it('fetches the published template through npm from the registry and installs it', async () => {
    expect((await trellis('init', '--template', 'education', '--data', 'd')).code).toBe(0);
    const installed = await trellis(
      'template',
      'install',
      `${NAME}@0.1.0`,
      '--data',
      'd',
      '--choose-all',
      'ours',
    );
    expect(installed.code, installed.stdout + installed.stderr).toBe(0);
    // npm asked the configured registry for the package and its tarball.
    expect(requests).toEqual(expect.arrayContaining([`/${NAME}`, '/tarballs/notes-0.1.0.tgz']));
    const list = await trellis('template', 'list', '--data', 'd');
    expect(list.stdout).toMatch(/^education\s+\d+\.\d+\.\d+ /m);
    expect(list.stdout).toMatch(/^notes\s+0\.1\.0 /m);
    // The template's one entity was added beside the education entities.
    const spec = JSON.parse((await trellis('spec', 'export', '--data', 'd')).stdout) as {
      entities: { key: string }[];
    };
    expect(spec.entities.map((e) => e.key)).toEqual(expect.arrayContaining(['lead', 'contact']));
  }, 120_000);

  it('names the package npm could not find, and installs nothing', async () => {
    const missing = await trellis(
      'template',
      'install',
      '@acme/trellis-template-nothing@1.0.0',
      '--data',
      'd',
    );
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/@acme\/trellis-template-nothing/);
    expect(missing.stderr).toMatch(/404|Not found/i);
    const list = await trellis('template', 'list', '--data', 'd');
    // Still the two templates of the first test, nothing more.
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
    expect(list.stdout).toMatch(/^notes\s+0\.1\.0 /m);
  }, 120_000);
});
