import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeEach } from 'vitest';

/**
 * Keeps the error of every failed attempt of a test. With CI's retry a test that passes on its
 * second attempt ends with no error at all (vitest drops the first attempt's when the retry
 * passes), so a flake left no cause behind. Each failed attempt's errors go to
 * `<dir>/<file>--<test>-attempt<N>.txt` and, one line each, to the log.
 */
export function keepAttemptErrors(dir: string): void {
  beforeEach(({ task, onTestFailed }) => {
    // A task's errors pile up over its attempts; this attempt's are those after `before`.
    const before = task.result?.errors?.length ?? 0;
    onTestFailed(() => {
      const attempt = (task.result?.retryCount ?? 0) + 1;
      const errors = (task.result?.errors ?? []).slice(before);
      const text = errors.map((e) => e.stack ?? e.message).join('\n\n');
      const file = join(dir, `${attemptName(task.file.name, task.name)}-attempt${attempt}.txt`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, `${task.file.name} > ${task.name}, attempt ${attempt}\n\n${text}\n`);
      console.error(`attempt ${attempt} failed (${file}): ${errors[0]?.message ?? '?'}`);
    });
  });
}

/** A file name for a test: its file's name and its own, with only letters, digits and dashes. */
export function attemptName(file: string, test: string): string {
  const slug = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
  return `${slug(basename(file, '.test.ts'))}--${slug(test).slice(0, 80)}`;
}
