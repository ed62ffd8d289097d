// Load generator in its own thread, so the server under test keeps the main event loop.
import { parentPort, workerData } from 'node:worker_threads';

const { url, method, total, concurrency, bodyKind, offset } = workerData;
let next = 0;
const latencies = new Float64Array(total);
const statuses = {};

function bodyFor(i) {
  const n = offset + i;
  if (bodyKind === 'lead') {
    return JSON.stringify({ name: `压测${n}`, phone: `139${String(n).padStart(8, '0')}`, course: n % 2 ? 'python' : 'uiDesign', utm_source: 'bench', utm_campaign: 'load' });
  }
  return JSON.stringify({ name: `row${n}`, phone: `139${String(n).padStart(8, '0')}` });
}

async function lane() {
  while (true) {
    const i = next++;
    if (i >= total) return;
    const t0 = performance.now();
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : bodyFor(i) });
    await res.arrayBuffer();
    latencies[i] = performance.now() - t0;
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  }
}

const start = performance.now();
await Promise.all(Array.from({ length: concurrency }, lane));
parentPort.postMessage({ latencies: Array.from(latencies), totalMs: performance.now() - start, statuses });
