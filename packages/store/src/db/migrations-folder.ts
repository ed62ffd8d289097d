import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the checked-in `drizzle/` folder of this package (`drizzle-pg/` for PostgreSQL), whether
 * the code runs from `src/` (tests, tsx) or from a bundled `dist/` file, by walking up from this module.
 */
export function migrationsFolder(name: 'drizzle' | 'drizzle-pg' = 'drizzle'): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, name);
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(
    `@trellis/store: system migrations folder (${name}/) not found next to the package`,
  );
}
