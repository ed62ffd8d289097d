import type { Download } from 'playwright-core';

/**
 * The bytes of a finished download. A file's browser is connected to the run's one chromium
 * (tooling/chromium-server.mjs), and a connected browser cannot hand over a download's path
 * (`download.path()` throws "Path is not available when connecting remotely"): it streams it.
 */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
