import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverSrc = fileURLToPath(new URL('../src', import.meta.url));
const engineSrc = fileURLToPath(new URL('../../../packages/engine/src', import.meta.url));
// The engine re-exports the record rules' types (Locale, Via, RecordData) from @trellis/rules.
const rulesSrc = fileURLToPath(new URL('../../../packages/rules/src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function declaredTypes(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^export type (\w+)\s*(?:<[^=]*>)?\s*=/gm)].map(
    (m) => m[1] ?? '',
  );
}

describe('engine types', () => {
  it('the server declares none of the types @trellis/engine exports (Actor, Locale, Via, ...): it imports them', () => {
    const engineTypes = new Set([
      ...['ports.ts', 'records/types.ts'].flatMap((f) => declaredTypes(join(engineSrc, f))),
      ...declaredTypes(join(rulesSrc, 'types.ts')),
    ]);
    // The scan must see the engine's port types, or this test would pass vacuously.
    expect([...engineTypes]).toEqual(
      expect.arrayContaining(['Actor', 'Locale', 'Via', 'ListOptions']),
    );
    const copies = sources(serverSrc).flatMap((file) =>
      declaredTypes(file)
        .filter((name) => engineTypes.has(name))
        .map((name) => `${file.slice(serverSrc.length + 1)}: ${name}`),
    );
    expect(copies).toEqual([]);
  });
});
