import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '..', 'dist');

describe('the built bundle', () => {
  it('is ASCII only, so every thread holds its source as one byte per character', () => {
    const files = readdirSync(dist).filter((name) => name.endsWith('.js'));
    expect(files).toContain('main.js');
    const nonAscii = files.filter((name) =>
      /\P{ASCII}/u.test(readFileSync(join(dist, name), 'utf8')),
    );
    expect(nonAscii).toEqual([]);
  });
});
