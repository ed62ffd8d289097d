import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './browser.mjs';

describe.runIf(hasChromium() || process.env.CI)('launchChromium', () => {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      '<!doctype html><title>t</title><button onclick="this.textContent=\'已点击\'">点我</button>',
    );
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('drives Debian chromium against a loopback page', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.getByRole('button', { name: '点我' }).click();
      expect(await page.getByRole('button').textContent()).toBe('已点击');
    } finally {
      await browser.closeAll();
    }
  });
});
