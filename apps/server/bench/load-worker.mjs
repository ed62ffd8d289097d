// Load generator in its own thread, so the server under test keeps the main event loop.
// It speaks node:http over keep-alive sockets, not fetch: on these 2-core machines fetch costs
// the client ~0.3 ms of CPU per request and caps even an empty server near 3,000/s, so the
// numbers would measure the client rather than the server.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, method, total, concurrency, bodyKind, offset } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
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

function send(body) {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json' };
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const req = http.request({ agent, hostname: target.hostname, port: target.port, path: target.pathname + target.search, method, headers }, (res) => {
      res.on('error', reject);
      res.on('end', () => resolve(res.statusCode));
      res.resume();
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function lane() {
  while (true) {
    const i = next++;
    if (i >= total) return;
    const t0 = performance.now();
    const status = await send(method === 'GET' ? undefined : bodyFor(i));
    latencies[i] = performance.now() - t0;
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
}

const start = performance.now();
await Promise.all(Array.from({ length: concurrency }, lane));
agent.destroy();
parentPort.postMessage({ latencies: Array.from(latencies), totalMs: performance.now() - start, statuses });
