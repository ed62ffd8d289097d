import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../src/serve';
import { count } from './rows';
import { fullStack } from './stack';

type Reply = { status: number; type: string; body: string };

/** A raw request over a socket: the declared length or chunked framing is what node sends. */
function send(url: string, body: string, framing: 'length' | 'chunked'): Promise<Reply> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (framing === 'length') headers['content-length'] = String(Buffer.byteLength(body));
    const req = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            body: text,
          }),
        );
      },
    );
    // The server may answer 413 and close before the whole body is sent.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error),
    );
    if (framing === 'chunked') {
      for (let i = 0; i < body.length; i += 500) req.write(body.slice(i, i + 500));
      req.end();
    } else req.end(body);
  });
}

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('request body limit over a real socket', () => {
  async function serve() {
    const s = await fullStack({ limits: { intakePerMinute: 0, intakeBodyBytes: 2000 } });
    const server = await listen(s.app, { port: 0, hostname: '127.0.0.1' });
    servers.push(server);
    const leads = () => count(s.store, 'e_lead');
    return { url: `${server.url}/f/apply`, leads };
  }

  it('judges a declared length by the header and reads a small body straight from the socket', async () => {
    const { url, leads } = await serve();
    const ok = await send(url, JSON.stringify({ name: '李雷', phone: '13800138001' }), 'length');
    expect(ok.status).toBe(201);
    const big = await send(
      url,
      JSON.stringify({ name: 'x'.repeat(5000), phone: '13800138002' }),
      'length',
    );
    expect(big.status).toBe(413);
    expect(big.type).toContain('application/problem+json');
    expect(JSON.parse(big.body)).toMatchObject({ status: 413, code: 'body_too_large' });
    expect(await leads()).toBe(1);
  });

  it('counts a chunked body while reading it', async () => {
    const { url, leads } = await serve();
    const ok = await send(url, JSON.stringify({ name: '韩梅梅', phone: '13800138003' }), 'chunked');
    expect(ok.status).toBe(201);
    const big = await send(
      url,
      JSON.stringify({ name: 'x'.repeat(5000), phone: '13800138004' }),
      'chunked',
    );
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ code: 'body_too_large' });
    expect(await leads()).toBe(1);
  });
});
