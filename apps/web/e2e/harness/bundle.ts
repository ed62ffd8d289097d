import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_DIR } from './trellis';

const DIST = join(WEB_DIR, 'dist');
const kb = (n: number) => Math.round(n / 102.4) / 10;
const gz = (file: string) => gzipSync(readFileSync(join(DIST, file))).length;
/** Every built script, as `assets/<name>.js`. */
const jsAssets = () =>
  readdirSync(join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
/** The scripts an HTML page names (its script and modulepreloads). */
const pageScripts = (page: string) =>
  [...readFileSync(join(DIST, page), 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );

/**
 * The built app's JS: the shell's initial files (index.html's script and modulepreloads, plus
 * the larger of the two languages' shared strings, which the shell awaits before its first
 * render), the lazy rest.
 */
export function bundleSizes() {
  const preloaded = pageScripts('index.html');
  const strings = readdirSync(join(DIST, 'assets'))
    .filter((f) => /^(zh-CN|en)-[\w-]+\.js$/.test(f))
    .map((f) => `assets/${f}`)
    .sort((a, b) => gz(b) - gz(a));
  const initial = [...preloaded, ...strings.slice(0, 1)];
  const lazy = jsAssets()
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
  const files = pageScripts('form.html');
  return { files, gzipKB: kb(files.reduce((a, f) => a + gz(f), 0)) };
}

/** The files `file` imports statically (`import … from`, `export … from`), in dist/assets. */
function staticImports(file: string): string[] {
  const code = readFileSync(join(DIST, file), 'utf8');
  return [
    ...code.matchAll(
      /(?:^|[;\n}])\s*(?:import|export)\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g,
    ),
  ].map((m) => `assets/${m[1]!}`);
}

/** `files` and every file they import statically, at any depth. */
function staticClosure(files: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return seen;
}

/**
 * What a lazy route needs before it renders, beyond the shell's initial files: the chunk that
 * exports `component` (the route's `lazy` import) and everything it imports statically.
 */
export function routeSizes(component: string) {
  const own = jsAssets().filter((f) =>
    new RegExp(`as ${component}[,}]`).test(readFileSync(join(DIST, f), 'utf8')),
  );
  const shell = staticClosure(bundleSizes().initialFiles);
  const files = [...staticClosure(own)].filter((f) => !shell.has(f));
  return {
    entries: own,
    files,
    gzipKB: kb(files.reduce((a, f) => a + gz(f), 0)),
    /** Whether any of them holds `text` (a library's own string: which code came along). */
    holds: (text: string) => files.some((f) => readFileSync(join(DIST, f), 'utf8').includes(text)),
  };
}
