import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../src/context';
import { runCli } from '../src/run';
import { REPO_ROOT } from './run-cli';

// docs/cli.md shows what `trellis spec validate` prints, as a console session and as --json.
// This test runs each `$ pnpm trellis …` line of the page's console blocks and compares what
// it prints with the lines the page shows under it (the page said 13 automations of the
// education template long after it had 15). `my-template` is, as the page says, the education
// template with `budgett` typed for the first requirement of the second stage.
const page = readFileSync(join(REPO_ROOT, 'docs', 'cli.md'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'cli-guide-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sessions = [...page.matchAll(/```console\n([\s\S]*?)\n```/g)].flatMap((block) =>
  block[1]!
    .split(/^\$ /m)
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const [command, ...printed] = part.split('\n');
      return { command: command!, printed: printed.join('\n').trim() };
    }),
);

/** The one JSON block after "With `--json`": what --json prints for my-template (in English). */
const jsonExample = JSON.parse(
  /With `--json`[\s\S]*?```json\n([\s\S]*?)\n```/.exec(page)?.[1] ?? 'null',
) as unknown;

function makeMyTemplate() {
  const dir = join(work, 'my-template');
  cpSync(join(REPO_ROOT, 'templates', 'education'), dir, { recursive: true });
  const file = join(dir, 'spec', 'pipelines.json');
  const spec = JSON.parse(readFileSync(file, 'utf8')) as {
    pipelines: { stages: { requires?: string[] }[] }[];
  };
  spec.pipelines[0]!.stages[1]!.requires![0] = 'budgett';
  writeFileSync(file, JSON.stringify(spec, null, 2));
}

async function run(argv: string[], cwd: string) {
  let text = '';
  const ctx: CliContext = {
    cwd,
    env: {},
    stdout: (s) => void (text += s),
    stderr: (s) => void (text += s),
    exitCode: 0,
  };
  await runCli(argv, ctx);
  return text;
}

describe('docs/cli.md examples', () => {
  it('prints what the page shows for each console line', async () => {
    makeMyTemplate();
    expect(sessions.map((s) => s.command)).toEqual([
      'pnpm trellis spec validate templates/education --locale en',
      'pnpm trellis spec validate my-template',
    ]);
    for (const { command, printed } of sessions) {
      const argv = command.split(/\s+/).slice(2);
      // Repository paths from the root, the page's made-up template from the work folder.
      const cwd = argv.includes('my-template') ? work : REPO_ROOT;
      expect((await run(argv, cwd)).trim(), command).toBe(printed);
    }
  }, 60_000);

  it('prints the documented JSON for my-template with --json', async () => {
    makeMyTemplate();
    const out = await run(['spec', 'validate', 'my-template', '--json', '--locale', 'en'], work);
    expect(JSON.parse(out)).toEqual(jsonExample);
  }, 60_000);
});
