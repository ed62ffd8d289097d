import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_DIR } from './trellis';

const DIST = join(WEB_DIR, 'dist');
const kb = (n: number) => Math.round(n / 102.4) / 10;
const gz = (file: string) => gzipSync(readFileSync(join(DIST, file))).length;

/**
 * The built app's JS: the shell's initial files (index.html's script and modulepreloads, plus
 * the larger of the two languages' shared strings, which the shell awaits before its first
 * render), the lazy rest.
 */
export function bundleSizes() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const strings = readdirSync(join(DIST, 'assets'))
    .filter((f) => /^(zh-CN|en)-[\w-]+\.js$/.test(f))
    .map((f) => `assets/${f}`)
    .sort((a, b) => gz(b) - gz(a));
  const initial = [...preloaded, ...strings.slice(0, 1)];
  const lazy = readdirSync(join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`)
    .filter((f) => !initial.includes(f))
    .map((f) => ({ file: f, gzipKB: kb(gz(f)) }))
    .sort((a, b) => b.gzipKB - a.gzipKB);
  return {
    initialGzipKB: kb(initial.reduce((a, f) => a + gz(f), 0)),
    initialFiles: initial,
    /** What index.html itself names (script and modulepreloads). */
    preloadedFiles: preloaded,
    stringChunks: strings,
    lazyChunks: lazy,
  };
}

/** The public form page's JS (form.html's script and modulepreloads): its own entry. */
export function publicFormSizes() {
  const html = readFileSync(join(DIST, 'form.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  return { files, gzipKB: kb(files.reduce((a, f) => a + gz(f), 0)) };
}
