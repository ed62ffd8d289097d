import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../context';
import { runCli } from '../run';

const work = mkdtempSync(join(tmpdir(), 'seed-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
function context(): CliContext & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd: work,
    env: {},
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    exitCode: 0,
    out,
    err,
  };
}

describe('trellis seed', () => {
  it('refuses a bad count (2), a missing workspace and a template that is not installed (1), then seeds', async () => {
    const bad = context();
    expect(await runCli(['seed', '--template', 'education', '--records', '-5'], bad)).toBe(2);
    expect(bad.err.join('')).toContain('--records 须为 0 到 1000000 的整数');
    const missing = context();
    expect(await runCli(['seed', '--template', 'education', '--data', 'none'], missing)).toBe(1);
    expect(missing.err.join('')).toContain('还没有初始化');
    expect(await runCli(['init', '--template', 'education', '--data', 'ws'], context())).toBe(0);
    const other = context();
    expect(await runCli(['seed', '--template', 'b2b-sales', '--data', 'ws'], other)).toBe(1);
    expect(other.err.join('')).toContain('工作区没有安装模板 b2b-sales');
    const done = context();
    expect(
      await runCli(
        ['seed', '--template', 'education', '--records', '50', '--data', 'ws', '--json'],
        done,
      ),
    ).toBe(0);
    const report = JSON.parse(done.out.join('')) as {
      records: Record<string, number>;
      refused: number;
    };
    expect(report).toMatchObject({ records: { lead: 50, campaign: 5 }, refused: 0 });
  });
});
