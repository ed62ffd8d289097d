import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoServer } from './harness/server';
import { WEB_DIR } from './harness/trellis';

const server = demoServer();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.(test|gen)\.ts$/.test(name) ? [path] : [];
  });
}

/** Every API call in the app's source: typed `api.GET('/api/v1/…')` and `request('GET', `/api/v1/…`)`. */
function callsInSource(): { method: string; path: string; file: string }[] {
  const calls: { method: string; path: string; file: string }[] = [];
  for (const file of sourceFiles(join(WEB_DIR, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bapi\.(GET|POST|PATCH|PUT|DELETE)\(\s*'([^']+)'/g))
      calls.push({ method: m[1]!, path: m[2]!, file });
    for (const m of text.matchAll(
      /\brequest(?:<[^>]*>)?\(\s*'(GET|POST|PATCH|PUT|DELETE)',\s*`([^`]+)`/g,
    ))
      calls.push({
        method: m[1]!,
        path: m[2]!
          .replace(/\$\{[^}]+\}/g, 'X')
          .replace(/\?.*$/, '')
          .replace(/X\?X$/, 'X'),
        file,
      });
  }
  return calls;
}

describe('the API the app calls', () => {
  it('is in the OpenAPI document of the live server (method and path)', async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    // Entity paths are documented per entity (/api/v1/records/lead); the app's generic calls
    // (/api/v1/records/${entity}) match any of them: a variable segment matches any segment.
    const segments = (path: string) => path.replace(/\{[^}]+\}/g, 'X').split('/');
    const fits = (documented: string, called: string) => {
      const a = segments(documented);
      const b = segments(called);
      return a.length === b.length && a.every((s, i) => s === b[i] || s === 'X' || b[i] === 'X');
    };
    const routes = Object.entries(doc.paths).map(([path, ops]) => ({
      path,
      methods: Object.keys(ops).map((m) => m.toUpperCase()),
    }));
    const calls = callsInSource();
    expect(calls.length).toBeGreaterThan(3);
    const missing = calls.filter(
      (c) => !routes.some((r) => r.methods.includes(c.method) && fits(r.path, c.path)),
    );
    expect(missing.map((m) => `${m.method} ${m.path} (${m.file})`)).toEqual([]);
  });
});
