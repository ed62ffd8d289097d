#!/usr/bin/env node
// A throwaway PostgreSQL 15 for tests, benchmarks and local runs: initdb in a temporary
// directory, loopback only, a free port, fsync off, everything removed on stop. Debian's
// binaries refuse to run as root, so as root the server runs as the `postgres` user.
//
//   node packages/tooling/pg-test-server.mjs -- <command ...>   runs the command with
//     TRELLIS_TEST_PG_URL set to the server's maintenance database, then stops the server;
//   node packages/tooling/pg-test-server.mjs                    prints the URL, stops on Ctrl-C.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_BIN = process.env.TRELLIS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
/** The environment variable that carries a test server's URL to test files and child processes. */
export const PG_URL_ENV = 'TRELLIS_TEST_PG_URL';

/** True when the PostgreSQL server binaries are installed (CI installs them; `.ci/run`). */
export function hasPostgres() {
  return existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root. */
function runPg(bin, args, opts = {}) {
  const cmd = join(PG_BIN, bin);
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { encoding: 'utf8', ...opts });
  if (r.status !== 0)
    throw new Error(`${bin} failed (${r.status}): ${r.stderr || r.stdout || r.error?.message}`);
  return r.stdout;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// A detached watcher that stops the server and removes its directory if the process that
// started it dies without stopping it (a killed test run must not leave PostgreSQL behind).
const WATCHDOG = `
const [parent, pgCtl, data, root, asRoot] = process.argv.slice(1);
const { spawnSync } = require('node:child_process');
const { rmSync } = require('node:fs');
const alive = () => { try { process.kill(Number(parent), 0); return true; } catch { return false; } };
setInterval(() => {
  if (alive()) return;
  const args = ['stop', '-D', data, '-m', 'immediate', '-w'];
  if (asRoot === '1') spawnSync('runuser', ['-u', 'postgres', '--', pgCtl, ...args]);
  else spawnSync(pgCtl, args);
  rmSync(root, { recursive: true, force: true });
  process.exit(0);
}, 500);
`;

/**
 * Starts a PostgreSQL server for this process. Returns its maintenance URL and helpers to
 * create databases; `stop()` ends the server and removes every file it wrote.
 * @param {{ maxConnections?: number }} [options]
 */
export async function startPgServer(options = {}) {
  if (!hasPostgres()) throw new Error(`PostgreSQL is not installed (no initdb in ${PG_BIN})`);
  const root = mkdtempSync(join(tmpdir(), 'trellis-pg-'));
  const data = join(root, 'data');
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  let watchdog;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      if (existsSync(join(data, 'postmaster.pid')))
        runPg('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
    } finally {
      watchdog?.kill();
      rmSync(root, { recursive: true, force: true });
    }
  };
  try {
    // ICU's root collation as the database default, as on most real servers (not "C"), so a
    // query that forgets COLLATE "C" where byte order matters fails in tests, not in production.
    runPg('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--locale-provider=icu',
      '--icu-locale=und',
      '--no-sync',
      '--no-instructions',
    ]);
    watchdog = spawn(
      process.execPath,
      [
        '-e',
        WATCHDOG,
        String(process.pid),
        join(PG_BIN, 'pg_ctl'),
        data,
        root,
        isRoot() ? '1' : '0',
      ],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.unref();
    const settings = {
      listen_addresses: "'127.0.0.1'",
      unix_socket_directories: `'${root}'`,
      max_connections: String(options.maxConnections ?? 200),
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      shared_buffers: "'128MB'",
      log_min_messages: 'warning',
    };
    let port = 0;
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const conf = Object.entries({ ...settings, port: String(port) })
        .map(([k, v]) => `${k} = ${v}`)
        .join('\n');
      writeFileSync(join(data, 'postgresql.auto.conf'), conf + '\n');
      try {
        runPg('pg_ctl', ['start', '-D', data, '-l', join(root, 'server.log'), '-w', '-t', '60']);
        break;
      } catch (e) {
        if (attempt >= 2) throw e; // another process took the port between the probe and start
      }
    }
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
      url,
      port,
      dataDir: data,
      /** Creates an empty database (a fresh random name unless given) and returns its URL. */
      async createDatabase(name) {
        const db = name ?? `t_${randomBytes(6).toString('hex')}`;
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE "${db.replaceAll('"', '""')}"`);
        } finally {
          await client.end();
        }
        return databaseUrl(url, db);
      },
      stop,
    };
  } catch (e) {
    stop();
    throw e;
  }
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl, database) {
  const u = new URL(serverUrl);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/**
 * Creates a fresh database on the server named by TRELLIS_TEST_PG_URL and returns its URL, or
 * null when no test server runs (PostgreSQL missing outside CI). With `template`, the new
 * database is a copy of that one (a file copy: much faster than migrating an empty one).
 * @param {string} [prefix]
 * @param {{ template?: string }} [options]
 */
export async function createTestDatabase(prefix = 't', options = {}) {
  const serverUrl = process.env[PG_URL_ENV];
  if (!serverUrl) return null;
  const name = `${prefix}_${process.pid}_${randomBytes(5).toString('hex')}`.toLowerCase();
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const template = options.template
      ? ` TEMPLATE "${decodeURIComponent(new URL(options.template).pathname.slice(1)).replaceAll('"', '""')}"`
      : '';
    await client.query(`CREATE DATABASE "${name}"${template}`);
  } finally {
    await client.end();
  }
  return databaseUrl(serverUrl, name);
}

/** Drops a database made by createTestDatabase (ending its leftover connections first). */
export async function dropTestDatabase(url) {
  const serverUrl = process.env[PG_URL_ENV];
  if (!serverUrl || !url) return;
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function main(argv) {
  const sep = argv.indexOf('--');
  const command = sep >= 0 ? argv.slice(sep + 1) : argv;
  const server = await startPgServer();
  const cleanup = () => server.stop();
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  if (command.length === 0) {
    console.log(`${PG_URL_ENV}=${server.url}`);
    console.log('PostgreSQL runs until Ctrl-C.');
    setInterval(() => {}, 1 << 30); // keeps the process (and so the server) alive
    return;
  }
  const child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, [PG_URL_ENV]: server.url },
  });
  const code = await new Promise((resolve) =>
    child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))),
  );
  cleanup();
  process.exit(code);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href)
  await main(process.argv.slice(2));
