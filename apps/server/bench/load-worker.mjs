// Load generator in its own thread, so the server under test keeps the main event loop. It
// writes HTTP/1.1 requests straight to keep-alive sockets and reads only what it needs from the
// answers (status, Content-Length or chunked framing): the client shares the machine's two cores
// with the server, and node:http's client cost ~100 µs of CPU per request (fetch ~300 µs), which
// the server then did not get. Measured with the same client, the bare baselines keep the ratios honest.
import { readlinkSync } from 'node:fs';
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const {
  url,
  method,
  total,
  concurrency,
  bodyKind,
  offset,
  headers = {},
  paths,
  versions,
  forwardedFor = false,
} = workerData;
const target = new URL(url);
let next = 0;
const latencies = new Float64Array(total);
const statuses = {};

function bodyFor(i) {
  if (bodyKind === 'apiUpdate')
    return JSON.stringify({ version: versions[i], notes: `压测备注${offset + i}` });
  const n = offset + i;
  if (bodyKind === 'lead') {
    return JSON.stringify({
      name: `压测${n}`,
      phone: `139${String(n).padStart(8, '0')}`,
      course: n % 2 ? 'python' : 'uiDesign',
      utm_source: 'bench',
      utm_campaign: 'load',
    });
  }
  // The API: a lead as a person enters it (edits: `paths[i]` at `versions[i]`, above).
  if (bodyKind === 'apiLead')
    return JSON.stringify({
      name: `接口${n}`,
      phone: `137${String(n).padStart(8, '0')}`,
      source: 'website',
      course: n % 2 ? 'python' : 'uiDesign',
    });
  return '';
}

const extra = Object.entries(headers)
  .map(([k, v]) => `${k}: ${v}\r\n`)
  .join('');
/**
 * `forwardedFor`: each request comes from its own address behind a proxy (the server started with
 * --trust-proxy), as prospects do behind nginx: a server whose per-address intake limit can't be
 * turned off (605b928: 60 a minute) then answers every submission, not 429.
 */
const forwarded = (i) => {
  if (!forwardedFor) return '';
  const n = offset + i;
  return `X-Forwarded-For: 10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}\r\n`;
};
/** The request line and headers of request `i` (its own path when `paths` is given). */
const headOf = (i) =>
  `${method} ${paths ? paths[i] : `${target.pathname}${target.search}`} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: keep-alive\r\nContent-Type: application/json\r\n${extra}${forwarded(i)}`;
const CRLF2 = Buffer.from('\r\n\r\n');

/** One keep-alive connection sending requests one after another; resolves when none are left. */
function lane() {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.hostname, port: Number(target.port) });
    socket.setNoDelay(true);
    let buffered = Buffer.alloc(0);
    let t0 = 0;
    let i = -1;
    const sendNext = () => {
      i = next++;
      if (i >= total) {
        socket.end();
        resolve();
        return;
      }
      const body = bodyFor(i);
      t0 = performance.now();
      socket.write(`${headOf(i)}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    /** The length of the first complete answer in `buffered`, or -1 while it is incomplete. */
    const answerLength = () => {
      const end = buffered.indexOf(CRLF2);
      if (end < 0) return -1;
      const headers = buffered.subarray(0, end).toString('latin1');
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(headers);
      if (length) {
        const total = end + 4 + Number(length[1]);
        return buffered.length >= total ? total : -1;
      }
      if (/\r\ntransfer-encoding:\s*chunked/i.test(headers)) {
        const last = buffered.indexOf('\r\n0\r\n\r\n', end);
        return last < 0 ? -1 : last + 7;
      }
      return end + 4;
    };
    socket.on('data', (chunk) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      for (;;) {
        const length = answerLength();
        if (length < 0) return;
        const status = Number(buffered.subarray(9, 12).toString('latin1'));
        buffered = buffered.subarray(length);
        latencies[i] = performance.now() - t0;
        statuses[status] = (statuses[status] ?? 0) + 1;
        sendNext();
      }
    });
    socket.on('error', reject);
    // The server closed the connection with requests left: fail instead of waiting forever.
    socket.on('close', () => reject(new Error(`connection closed after request ${i} of ${total}`)));
    socket.on('connect', sendNext);
  });
}

// This thread's id (Linux: /proc/thread-self → <pid>/task/<tid>), so the bench can read its CPU
// time apart and pin it; the load starts when the bench says so.
let tid = 0;
try {
  tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
} catch {
  // No /proc: no CPU per thread.
}
await new Promise((go) => {
  parentPort.once('message', go);
  parentPort.postMessage({ tid });
});
const start = performance.now();
await Promise.all(Array.from({ length: concurrency }, lane));
parentPort.postMessage({
  latencies: Array.from(latencies),
  totalMs: performance.now() - start,
  statuses,
});
