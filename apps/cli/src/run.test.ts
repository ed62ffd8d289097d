import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliContext } from './context';
import { EXIT, runCli } from './run';

const EDUCATION = join(import.meta.dirname, '..', '..', '..', 'templates', 'education');

function context(
  overrides: Partial<CliContext> = {},
): CliContext & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd: process.cwd(),
    env: {},
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    exitCode: 0,
    out,
    err,
    ...overrides,
  };
}

describe('runCli', () => {
  it('turns an unexpected failure into exit 70 and one sentence, without a stack trace', async () => {
    const ctx = context({
      stdout: () => {
        throw new Error('disk full');
      },
    });
    const code = await runCli(['spec', 'bundle', EDUCATION, '--locale', 'en'], ctx);
    expect(code).toBe(EXIT.internal);
    expect(ctx.err.join('')).toBe('Internal error: disk full\n');
  });

  it('adds the stack only when TRELLIS_DEBUG is set', async () => {
    const ctx = context({
      env: { TRELLIS_DEBUG: '1' },
      stdout: () => {
        throw new Error('disk full');
      },
    });
    await runCli(['spec', 'bundle', EDUCATION], ctx);
    expect(ctx.err.join('')).toMatch(/内部错误：disk full\nError: disk full\n\s+at /);
  });

  it('resolves relative paths against ctx.cwd', async () => {
    const ctx = context({ cwd: join(EDUCATION, '..') });
    expect(await runCli(['spec', 'bundle', 'education'], ctx)).toBe(EXIT.ok);
    expect(JSON.parse(ctx.out.join('')).specVersion).toBe(1);
  });
});
