import { spawn } from 'node:child_process';

/** What `npm pack --json` reports for one package. */
export type NpmPackResult = {
  id: string;
  name: string;
  version: string;
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
};

/**
 * Runs `npm pack <spec> --json --ignore-scripts --pack-destination <out>` — a folder (the
 * author's template) or a registry spec (a published one; npm's own client, registry and
 * cache). npm decides what goes in the tarball (`files`, .npmignore, always package.json and
 * README), exactly as `npm publish` would. Never runs package scripts.
 */
export function npmPack(
  spec: string,
  out: string,
  env: Record<string, string | undefined>,
): Promise<{ ok: true; result: NpmPackResult } | { ok: false; reason: string }> {
  return new Promise((resolvePack) => {
    const child = spawn(
      process.platform === 'win32' ? 'npm.cmd' : 'npm',
      ['pack', spec, '--json', '--ignore-scripts', '--pack-destination', out],
      { env: { ...process.env, ...env, npm_config_loglevel: 'error' }, cwd: out },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => resolvePack({ ok: false, reason: e.message }));
    child.on('close', (code) => {
      if (code !== 0) return resolvePack({ ok: false, reason: lastLines(stderr || stdout) });
      try {
        const parsed = JSON.parse(stdout) as NpmPackResult[];
        const result = parsed[0];
        if (!result) return resolvePack({ ok: false, reason: 'npm pack reported nothing' });
        resolvePack({ ok: true, result });
      } catch {
        resolvePack({ ok: false, reason: lastLines(stdout) });
      }
    });
  });
}

function lastLines(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !/Unknown project config/.test(l))
    .slice(-4)
    .join(' ')
    .trim();
}
