import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import CpuReporter, { ownCpuGroup, treeCpuSeconds } from './cpu-reporter.mjs';

const dir = mkdtempSync(join(tmpdir(), 'cpu-reporter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Node code that spins until its process has used `ms` of CPU. */
const burn = (ms: number) =>
  `const t = process.cpuUsage(); for (;;) { const u = process.cpuUsage(t); if (u.user + u.system > ${ms * 1000}) break; }`;
/** Spins in this process until it has used `ms` more of CPU. */
function spin(ms: number): void {
  const t = process.cpuUsage();
  for (;;) {
    const u = process.cpuUsage(t);
    if (u.user + u.system > ms * 1000) return;
  }
}

describe('treeCpuSeconds', () => {
  it('counts a child that has exited, through the parent that waited for it', () => {
    const before = treeCpuSeconds();
    const child = spawnSync(process.execPath, ['-e', burn(400)]);
    expect(child.status).toBe(0);
    expect(treeCpuSeconds() - before).toBeGreaterThanOrEqual(0.38);
  });

  it('counts a running child, and a process by itself when asked for it', async () => {
    const before = treeCpuSeconds();
    const child = spawn(process.execPath, [
      '-e',
      `${burn(400)}; console.log('spun'); setInterval(() => {}, 1000);`,
    ]);
    try {
      await new Promise((resolve) => child.stdout.once('data', resolve));
      expect(treeCpuSeconds() - before).toBeGreaterThanOrEqual(0.38);
      expect(treeCpuSeconds(child.pid)).toBeGreaterThanOrEqual(0.38);
      expect(treeCpuSeconds(child.pid)).toBeLessThan(treeCpuSeconds());
    } finally {
      child.kill();
    }
  });
});

describe('ownCpuGroup', () => {
  it('counts a process whose parent exited before it, which the process tree loses', async (ctx) => {
    const group = ownCpuGroup();
    // Only where the machine lets a process make a cpuacct cgroup of its own (else the reporter
    // walks the process tree, as the tests above check).
    if (!group) return ctx.skip();
    try {
      const done = join(dir, 'orphan-done');
      const [cgroupBefore, treeBefore] = [group.seconds(), treeCpuSeconds()];
      // The child starts a grandchild and exits at once: the grandchild goes to init, then spins.
      const grandchild = `${burn(400)}; require('fs').writeFileSync(${JSON.stringify(done)}, '')`;
      const child = spawnSync(process.execPath, [
        '-e',
        `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { detached: true, stdio: 'ignore' }).unref()`,
      ]);
      expect(child.status).toBe(0);
      while (!existsSync(done)) await new Promise((r) => setTimeout(r, 50));
      expect(group.seconds() - cgroupBefore).toBeGreaterThanOrEqual(0.38);
      expect(treeCpuSeconds() - treeBefore).toBeLessThan(0.38);
    } finally {
      group.release();
    }
  });
});

describe('the reporter', () => {
  it("gives each file the CPU used since the file before it ended, and the run's total", () => {
    const outputFile = join(dir, 'cpu.json');
    const reporter = new CpuReporter({ outputFile });
    reporter.onInit();
    reporter.onTestRunStart();
    spin(300);
    reporter.onTestModuleEnd({ moduleId: join(process.cwd(), 'a.test.ts'), project: { name: '' } });
    reporter.onTestModuleEnd({
      moduleId: join(process.cwd(), 'b.test.ts'),
      project: { name: 'pg' },
    });
    reporter.onTestRunEnd();
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    expect(['cgroup', 'process tree']).toContain(report.counted);
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(['a.test.ts', 'b.test.ts']);
    expect(report.files[0].cpuSeconds).toBeGreaterThanOrEqual(0.28);
    expect(report.files[0]).not.toHaveProperty('project');
    expect(report.files[1]).toMatchObject({ project: 'pg' });
    expect(report.files[1].cpuSeconds).toBeLessThan(report.files[0].cpuSeconds);
    expect(report.cpuSeconds).toBeGreaterThanOrEqual(report.files[0].cpuSeconds);
  });

  it('counts files run as runs of their own (vitest-queue.mjs) on from the file before', () => {
    const outputFile = join(dir, 'cpu-many.json');
    const reporter = new CpuReporter({ outputFile, manyRuns: true });
    reporter.onInit();
    const file = (name: string) => ({ moduleId: join(process.cwd(), name), project: { name: '' } });
    reporter.onTestRunStart();
    reporter.onTestModuleEnd(file('a.test.ts'));
    reporter.onTestRunEnd();
    spin(300); // between one run's end and the next run's start: the next file's
    reporter.onTestRunStart();
    reporter.onTestModuleEnd(file('b.test.ts'));
    reporter.onTestRunEnd();
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(['a.test.ts', 'b.test.ts']);
    expect(report.files[1].cpuSeconds).toBeGreaterThanOrEqual(0.28);
    reporter.release();
  });
});
