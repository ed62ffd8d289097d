import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');

/** Lints planted source as if it were a file of the repository, with the config eslint finds there. */
async function lint(cwd: string, file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd });
  const [result] = await eslint.lintText(code, { filePath: join(repo, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the layering lint (DESIGN.md §2)', () => {
  const pkg = join(repo, 'packages', 'spec');

  it('refuses a relative path into another package, statically, dynamically and re-exported', async () => {
    for (const code of [
      "import { openStore } from '../../store/src/index';\nvoid openStore;\n",
      "export const load = () => import('../../engine/src/index');\n",
      "export * from '../../rules/src/index';\n",
    ]) {
      const messages = await lint(pkg, 'packages/spec/src/planted.ts', code);
      expect(messages.join('\n'), code).toMatch(/trellis\/layering: .* leaves this package/);
    }
    // Within the package a relative path is what it should be.
    expect(await lint(pkg, 'packages/spec/src/planted.ts', "export * from './helpers';\n")).toEqual(
      [],
    );
  });

  it('refuses a dynamic import() of a higher layer and of a Node module in a browser layer', async () => {
    const higher = await lint(
      pkg,
      'packages/spec/src/planted.ts',
      "export const load = () => import('@trellis/engine');\n",
    );
    expect(higher.join('\n')).toMatch(/the spec layer may only import @trellis\/logic/);
    const node = await lint(
      pkg,
      'packages/spec/src/planted.ts',
      "export const load = () => import('node:fs');\n",
    );
    expect(node.join('\n')).toMatch(/Node-only modules are not allowed in the spec layer/);
    // Tests run in Node: the same import is fine there.
    expect(
      await lint(
        pkg,
        'packages/spec/src/planted.test.ts',
        "export const load = () => import('node:fs');\n",
      ),
    ).toEqual([]);
  });

  it('refuses a database driver outside packages/store, in sources, tests and benches', async () => {
    for (const [file, code] of [
      ['apps/server/src/planted.ts', "import Database from 'better-sqlite3';\nvoid Database;\n"],
      ['apps/server/bench/planted.ts', "import pg from 'pg';\nvoid pg;\n"],
      ['apps/cli/src/planted.test.ts', "export const load = () => import('better-sqlite3');\n"],
      ['packages/engine/src/planted.ts', "export * from 'drizzle-orm/node-postgres';\n"],
    ] as const) {
      const messages = await lint(repo, file, code);
      expect(messages.join('\n'), file).toMatch(/only packages\/store opens a database/);
    }
    // The store is where they belong.
    expect(
      await lint(
        repo,
        'packages/store/src/planted.ts',
        "import Database from 'better-sqlite3';\nvoid Database;\n",
      ),
    ).toEqual([]);
  });

  it('checks every package when eslint runs from the repository root', async () => {
    const messages = await lint(
      repo,
      'packages/logic/src/planted.ts',
      "import { validateSpec } from '@trellis/spec';\nvoid validateSpec;\n",
    );
    expect(messages.join('\n')).toMatch(/the logic layer may only import no workspace package/);
    const fromApp = await lint(
      repo,
      'packages/engine/src/planted.ts',
      "export { createApp } from '@trellis/server';\n",
    );
    expect(fromApp.join('\n')).toMatch(/may only import|never import from apps/);
    const deep = await lint(
      repo,
      'apps/server/src/planted.ts',
      "import { x } from '@trellis/store/src/sql/exec';\nvoid x;\n",
    );
    expect(deep.join('\n')).toMatch(/never deep paths/);
    const data = await lint(
      repo,
      'packages/forms/src/planted.ts',
      "export const load = () => import('@trellis/spec/region-names-en.json');\n",
    );
    expect(data.join('\n')).not.toMatch(/never deep paths/);
  });

  it("applies the web app's and the forms package's own rules from the root as inside them", async () => {
    // `pnpm lint` is one eslint at the root: the React rules and the web's feature boundary must
    // hold there as they do in the package's own `eslint .`.
    const hook =
      "import { useState } from 'react';\nexport function F(p: { on: boolean }) {\n  if (p.on) useState(0);\n  return null;\n}\n";
    const across = "import { x } from '../records/api';\nexport const y = x;\n";
    for (const [dir, file, code, rule] of [
      ['packages/forms', 'src/planted.tsx', hook, 'react-hooks/rules-of-hooks'],
      ['apps/web', 'src/planted.tsx', hook, 'react-hooks/rules-of-hooks'],
      ['apps/web', 'src/features/board/planted.ts', across, 'no-restricted-imports'],
    ] as const) {
      const inside = await lint(join(repo, dir), `${dir}/${file}`, code);
      const fromRoot = await lint(repo, `${dir}/${file}`, code);
      expect(inside.join('\n'), `${dir}/${file}`).toContain(`${rule}:`);
      expect(fromRoot).toEqual(inside);
    }
  });
});
