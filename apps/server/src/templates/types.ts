import type { Locale, TemplateIssue } from '@trellis/spec';

/** Options shared by the template readers. */
export type ReadOptions = { locale?: Locale };

/**
 * The result of reading a template or spec input. `unreadable` means a file could not be read
 * or parsed (the CLI exits 2); `invalid` means the files were read but do not fit together
 * (exit 1).
 */
export type ReadFailure = { ok: false; kind: 'unreadable' | 'invalid'; errors: TemplateIssue[] };
