import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';

// `pnpm typecheck` and `pnpm check` type-check the packages in two programs (tsconfig.node.json,
// tsconfig.dom.json at the root) instead of one per package: each package's program also
// checked the sources of every package it imports (they resolve to source), so the engine was
// checked by 4 programs and logic by 8. These tests keep the two programs covering every file a
// package's own tsconfig.json does, with the same options.

const root = join(import.meta.dirname, '..', '..');
const read = (file: string) => {
  const { config } = ts.readConfigFile(file, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, join(file, '..'), undefined, file);
};
const programs = ['tsconfig.node.json', 'tsconfig.dom.json'].map((f) => read(join(root, f)));
const packages = ['packages', 'apps']
  .flatMap((group) => readdirSync(join(root, group)).map((d) => join(group, d)))
  .filter((dir) => existsSync(join(root, dir, 'tsconfig.json')) && dir !== 'packages/tooling');

/** The options that change what a file's types mean (lib, jsx, types and the strictness flags). */
const meaning = (o: ts.CompilerOptions) => {
  const { configFilePath: _, ...rest } = o;
  return rest;
};

test.each(packages)('%s is checked whole by one of the root programs, with its options', (dir) => {
  const own = read(join(root, dir, 'tsconfig.json'));
  expect(own.fileNames.length).toBeGreaterThan(0);
  const program = programs.find((p) => p.fileNames.includes(own.fileNames[0]!));
  expect(program, `${dir} is in neither tsconfig.node.json nor tsconfig.dom.json`).toBeDefined();
  expect(own.fileNames.filter((f) => !program!.fileNames.includes(f))).toEqual([]);
  expect(meaning(program!.options)).toEqual(meaning(own.options));
});

test('the root programs check no file twice', () => {
  const [node, dom] = programs;
  expect(node!.fileNames.filter((f) => dom!.fileNames.includes(f))).toEqual([]);
});
