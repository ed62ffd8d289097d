import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPaths, openRuntime } from '@trellis/server';
import { runInProcess } from '../../test/run-in-process';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const run = (cwd: string, ...argv: string[]) => runInProcess(argv, cwd);

describe('trellis webhooks', () => {
  it('sets a webhook secret that POST /hooks/:source then accepts, and lists the state', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'trellis-hooks-'));
    dirs.push(cwd);
    expect((await run(cwd, 'init', '--template', 'education', '--data', 'd')).code).toBe(0);
    const before = JSON.parse(
      (await run(cwd, 'webhooks', 'list', '--json', '--data', 'd')).stdout,
    ) as { key: string; secretSet: boolean }[];
    expect(before.find((w) => w.key === 'douyin')).toMatchObject({ secretSet: false });

    const set = await run(cwd, 'webhooks', 'secret', 'set', 'douyin', '--data', 'd');
    expect(set.code).toBe(0);
    const token = set.stdout.trim().split('\n').at(-1) ?? '';
    expect(token).toMatch(/^\S{32}$/);
    expect(set.stdout).toMatch(/header x-trellis-token/);
    expect((await run(cwd, 'webhooks', 'list', '--data', 'd')).stdout).toMatch(
      /douyin\s+token\s+\/hooks\/douyin\s+set/,
    );

    const rt = await openRuntime(dataPaths(join(cwd, 'd')));
    try {
      // Only the hash is stored, the way the API stores it.
      const stored = (await rt.store.tables.rows('webhook_secrets')).find(
        (r) => r.source_key === 'douyin',
      );
      expect(stored?.secret_hash_or_enc).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(stored?.secret_hash_or_enc).not.toContain(token);
      const post = (t: string) =>
        rt.app.request('http://localhost/hooks/douyin', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-trellis-token': t },
          body: JSON.stringify({ lead: { name: '赵六', telephone: '13600136000' } }),
        });
      expect((await post(token)).status).toBe(201);
      expect((await post(`${token}x`)).status).toBe(401);
      expect(await rt.store.tables.count('e_lead')).toBe(1);
    } finally {
      await rt.close();
    }
  });

  it('refuses an unknown source and a short secret with exit code 1 and a reason', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'trellis-hooks-'));
    dirs.push(cwd);
    await run(cwd, 'init', '--template', 'education', '--data', 'd');
    const unknown = await run(cwd, 'webhooks', 'secret', 'set', 'tiktok', '--data', 'd');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown webhook source: tiktok \(known: douyin/);
    const short = await run(
      cwd,
      'webhooks',
      'secret',
      'set',
      'douyin',
      '--secret',
      'short',
      '--data',
      'd',
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 16 characters/);
    expect((await run(cwd, 'webhooks', 'list', '--data', 'd')).stdout).toMatch(/douyin.*not set/);
  });
});
