import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = join(CLI_DIR, '..', '..');
/** The built command (test/build-setup.ts builds it before the tests run). */
export const BIN = join(CLI_DIR, 'dist', 'main.js');

export type CliRun = { code: number | null; stdout: string; stderr: string };

/** Spawns a command and collects its output. */
export function spawnCollect(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the built `trellis` command (dist/main.js) in `cwd`. */
export function trellis(
  args: string[],
  cwd: string = REPO_ROOT,
  env: Record<string, string> = {},
): Promise<CliRun> {
  return spawnCollect(process.execPath, [BIN, ...args], { cwd, env: { ...cleanEnv(), ...env } });
}

/** The test's environment without the package-manager variables that would move the CLI's base directory. */
export function cleanEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  delete env.INIT_CWD;
  delete env.TRELLIS_LOCALE;
  // The system's language would pick the CLI's too; tests expect the product default (zh-CN).
  delete env.LANG;
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return env;
}

/** Writes files (path -> JSON value or raw string) into a fresh temporary folder. */
export function tempFolder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-cli-'));
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A small spec that is valid, used as the base of the failing variants. */
export function minimalSpec(): Record<string, unknown> {
  return {
    specVersion: 1,
    name: label('测试', 'Test'),
    locales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    entities: [
      {
        key: 'lead',
        label: label('线索', 'Lead'),
        titleField: 'name',
        owned: true,
        fields: [
          { key: 'name', type: 'text', label: label('姓名', 'Name'), required: true },
          { key: 'budget', type: 'money', label: label('预算', 'Budget'), currency: 'CNY' },
        ],
      },
    ],
    pipelines: [
      {
        key: 'sales',
        entity: 'lead',
        label: label('销售', 'Sales'),
        stages: [
          { key: 'new', label: label('新线索', 'New'), category: 'open' },
          {
            key: 'qualified',
            label: label('已确认', 'Qualified'),
            category: 'open',
            requires: ['budget'],
          },
          { key: 'won', label: label('成交', 'Won'), category: 'won' },
          { key: 'lost', label: label('流失', 'Lost'), category: 'lost' },
        ],
      },
    ],
  };
}
