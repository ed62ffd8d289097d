/**
 * Libraries only imports, exports and emails need, loaded on their first use instead of with
 * the engine: iconv-lite, chardet, csv-parse and nodemailer are ~1.2 MB of JavaScript that every
 * thread of `trellis start` would otherwise parse and keep before its first answer. Each loads
 * once; later calls share the same promise.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

export const iconvLite = once(async () => (await import('iconv-lite')).default);
export const chardetLib = once(async () => (await import('chardet')).default);
export const csvParse = once(async () => (await import('csv-parse')).parse);
export const nodemailerLib = once(async () => (await import('nodemailer')).default);
