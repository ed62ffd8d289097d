import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../src/import/index';

const ROWS = 680_000;

// Retained memory, not garbage: collect before each sample.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = (): number => {
  gc();
  return process.memoryUsage().heapUsed;
};

// A 50 MB GBK CSV, written in the test (not committed), read as a stream: every row arrives and
// the heap does not grow with the file.
describe('a 50 MB file', () => {
  it('streams every row with bounded memory', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-import-big-'));
    try {
      const path = join(dir, 'big.csv');
      const out = createWriteStream(path);
      out.write(iconv.encode('姓名,手机号,来源渠道,备注\r\n', 'gbk'));
      for (let i = 0; i < ROWS; i++) {
        const line = `学员${i},1380000${String(i).padStart(4, '0')},抖音,"第${i}行,备注文字备注文字备注文字备注文字备注"\r\n`;
        if (!out.write(iconv.encode(line, 'gbk'))) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      expect(statSync(path).size).toBeGreaterThan(50 * 1024 * 1024);

      const table = await openTable(path);
      expect(table.facts.encoding).toBe('gb18030');
      const before = heap();
      let peak = before;
      let count = 0;
      let last = '';
      for await (const r of table.rows()) {
        count++;
        if (count % 100_000 === 0) peak = Math.max(peak, heap());
        last = String(r.cells[0]);
      }
      expect(count).toBe(ROWS + 1);
      expect(last).toBe(`学员${ROWS - 1}`);
      // Reading the file whole would keep 50 MB of bytes and more as strings.
      expect(peak - before).toBeLessThan(16 * 1024 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
