import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../src/context';
import { runCli } from '../src/run';
import { REPO_ROOT } from './run-cli';

// docs/templates.md walks a template author through build, validate, pack, install (into a
// workspace with data, with a conflict), list, seed and upgrade. This test runs that page: it
// writes each file block where the comment above it says, then runs every `trellis` line of the
// shell blocks in order, in-process, expecting the exit code written after it.
const guide = readFileSync(join(REPO_ROOT, 'docs', 'templates.md'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'templates-guide-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const files = [
  ...guide.matchAll(
    /<!-- file: (\S+)(?: \(the rest copied from (\S+)\))? -->\s*```\w*\n([\s\S]*?)\n```/g,
  ),
].map((m) => ({ path: m[1]!, copyFrom: m[2], text: m[3]! + '\n' }));
const steps = [...guide.matchAll(/```sh\n([\s\S]*?)\n```/g)]
  .flatMap((m) => m[1]!.split('\n'))
  .filter((l) => l.startsWith('trellis '))
  .map((l) => {
    const [command, comment = ''] = l.split('#');
    return {
      line: l,
      argv: command!.trim().split(/\s+/).slice(1),
      exit: Number(/exit (\d)/.exec(comment)?.[1]),
    };
  });

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

describe('docs/templates.md walk-through', () => {
  it('has the files and the steps the page promises', () => {
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['visits/template.json', 'visits-0.2.0/spec/entities.json']),
    );
    expect(steps.map((s) => s.argv.slice(0, 2).join(' '))).toEqual(
      expect.arrayContaining([
        'template validate',
        'template pack',
        'template install',
        'template upgrade',
        'seed --template',
      ]),
    );
    expect(steps.every((s) => Number.isInteger(s.exit))).toBe(true);
  });

  it('runs every step with the exit code the page gives', async () => {
    for (const f of files) {
      const target = join(work, f.path);
      if (f.copyFrom) cpSync(join(work, f.copyFrom), dirname(target), { recursive: true });
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.text);
    }
    for (const step of steps) {
      const ctx = context();
      const code = await runCli(step.argv, ctx);
      expect(code, `${step.line}\n${ctx.out.join('')}${ctx.err.join('')}`).toBe(step.exit);
    }
  }, 240_000);
});
