import type { CliLocale } from '../locale';

/** An error as a value (CONTRACT.md): `path` is a JSON pointer, or `file#pointer` for template files. */
export type CliIssue = {
  path: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
};

/** Options shared by the template readers. */
export type ReadOptions = { locale?: CliLocale };

/**
 * The result of reading spec input. `unreadable` means a file could not be read or parsed
 * (the CLI exits 2); `invalid` means the files were read but do not fit together (exit 1).
 */
export type ReadFailure = { ok: false; kind: 'unreadable' | 'invalid'; errors: CliIssue[] };
