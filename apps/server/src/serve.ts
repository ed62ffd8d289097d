import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { answerClientError } from './http/client-error';
import { withSecurityHeaders } from './http/security-headers';
import type { AppEnv } from './types';

export type RunningServer = { port: number; url: string; close(): Promise<void> };

/**
 * Binds the app to a port, every answer with the security headers (./http/security-headers).
 * `close()` stops accepting connections and waits for requests in flight (idle keep-alive
 * sockets are closed), so a graceful shutdown loses no answered work.
 */
export function listen(
  app: Hono<AppEnv>,
  opts: { port: number; hostname?: string },
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      const secured = ((options: object, listener: Parameters<typeof withSecurityHeaders>[0]) =>
        createServer(options, withSecurityHeaders(listener))) as typeof createServer;
      server = serve(
        {
          fetch: app.fetch,
          port: opts.port,
          hostname: opts.hostname ?? '0.0.0.0',
          createServer: secured,
        },
        (info) => {
          const host = opts.hostname && opts.hostname !== '0.0.0.0' ? opts.hostname : 'localhost';
          resolve({
            port: info.port,
            url: `http://${host}:${info.port}`,
            close: () =>
              new Promise<void>((done) => {
                server.close(() => done());
                (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
              }),
          });
        },
      );
      server.on('error', reject);
      server.on('clientError', answerClientError);
    } catch (err) {
      reject(err);
    }
  });
}
