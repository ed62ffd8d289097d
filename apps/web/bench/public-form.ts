// First contentful paint of the public form page as a prospect on a phone meets it: headless
// Debian chromium at 390×844 with the CPU throttled 4× and a slow-3G network (CDP), against a
// real `trellis start` on loopback; the unthrottled paint of the same page in the same run is the
// baseline. Also the page's JavaScript, gzip, from the build (form.html and what it loads).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { percentile } from '@trellis/tooling/bench';
import { newPage, openBrowser, PHONE } from '../e2e/harness/browser';
import { startTrellis, WEB_DIR } from '../e2e/harness/trellis';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DIST = join(WEB_DIR, 'dist');
// Chrome DevTools' "Slow 3G" preset: 400 ms round trip, 400 kbit/s down and up (in bytes/s).
const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: 50_000,
  uploadThroughput: 50_000,
};

/** Gzip bytes of every script form.html loads (entry and module preloads). */
function pageScripts(): { files: string[]; gzipKB: number } {
  const html = readFileSync(join(DIST, 'form.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce((a, f) => a + gzipSync(readFileSync(join(DIST, f))).length, 0);
  return { files, gzipKB: Math.round(bytes / 102.4) / 10 };
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n);
  return { runs: ms.length, medianMs: r(percentile(sorted, 50)), p95Ms: r(percentile(sorted, 95)) };
};

async function main() {
  const server = await startTrellis();
  const browser = await openBrowser('zh-CN');
  try {
    const paint = async (mode: 'none' | 'cpu' | 'cpu+3g') => {
      const page = await newPage(browser, PHONE);
      const cdp = await browser.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      if (mode !== 'none') await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      if (mode === 'cpu+3g') await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      await page.goto(`${server.url}/f/apply?utm_source=bench`);
      await page.locator('form').first().waitFor();
      const fcp = await page.evaluate(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      );
      await page.close();
      return fcp;
    };
    const plain: number[] = [];
    const cpu: number[] = [];
    const slow: number[] = [];
    await paint('none'); // the server's first answer builds the form's validator: not a visitor's
    for (let i = 0; i < RUNS; i++) {
      plain.push(await paint('none'));
      cpu.push(await paint('cpu'));
      slow.push(await paint('cpu+3g'));
    }
    const out = {
      bench: 'public form first contentful paint (390×844, headless chromium)',
      target: { fcpMsCpu4x: 1000, pageJsGzipKB: 150 },
      pageScripts: pageScripts(),
      unthrottled: stats(plain),
      cpu4x: stats(cpu),
      cpu4xSlow3g: stats(slow),
      ratioCpu4xToUnthrottled:
        Math.round((stats(cpu).medianMs / Math.max(1, stats(plain).medianMs)) * 100) / 100,
    };
    const json = JSON.stringify(out, null, 2);
    writeFileSync(join(WEB_DIR, 'bench', 'public-form-result.json'), json);
    console.log(json);
  } finally {
    await browser.closeAll();
    await server.stop();
  }
}

void main();
