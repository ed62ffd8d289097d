/** Appends RFC 6901 segments to a JSON pointer (`~` and `/` inside a segment are escaped). */
export function ptr(base: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>(
    (p, s) => `${p}/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`,
    base,
  );
}
