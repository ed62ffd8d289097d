import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { HttpPort } from '@trellis/engine';
import { parseOutboundAllow, refusedAddress, type OutboundAllow } from '@trellis/spec';

/** Largest answer body kept from an outbound request (the run log shows its start). */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * A refused target: an internal address the operator did not allow. `permanent`, so the
 * delivery is dead-lettered at once with this message instead of being retried.
 */
export class OutboundRefused extends Error {
  readonly permanent = true;
  constructor(host: string, address: string, range: string) {
    super(
      `refused: ${host} is ${address === host ? '' : `${address}, `}a ${range} address; automations do not send to internal addresses unless TRELLIS_OUTBOUND_ALLOW lists them`,
    );
  }
}

/** Resolves a host name to all its addresses (dns.lookup; tests pass their own). */
export type Resolver = (
  hostname: string,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (hostname, callback) =>
  dnsLookup(hostname, { all: true }, callback);

/**
 * DNS lookup that answers only addresses automations may reach. The connection is made to the
 * address returned here, so a name cannot resolve to a public address for a check and to an
 * internal one for the connection (DNS rebinding).
 */
function guardedLookup(allow: OutboundAllow, resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (err, found) => {
      if (err) return callback(err, '', 0);
      const usable = found.filter((a) => refusedAddress(allow, hostname, a.address) === null);
      if (usable.length === 0) {
        const first = found[0];
        const range = first ? (refusedAddress(allow, hostname, first.address)?.range ?? '') : '';
        return callback(new OutboundRefused(hostname, first?.address ?? '?', range), '', 0);
      }
      if (options.all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      const one = usable[0]!;
      callback(null, one.address, one.family);
    });
  };
}

/**
 * Outbound HTTP for automations (robot messages, callWebhook): only to public addresses or the
 * operator's allowlist (`TRELLIS_OUTBOUND_ALLOW`), checked on the address actually connected to;
 * no redirects followed; each request cut off after its timeout; the answer kept up to 64 KiB.
 * Refusals and network errors reject, so the delivery records why.
 */
export function guardedHttp(allow: OutboundAllow, resolve: Resolver = systemResolver): HttpPort {
  const lookup = guardedLookup(allow, resolve);
  return (req) =>
    new Promise((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(req.url);
      } catch {
        return reject(new Error(`not a URL: ${req.url}`));
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return reject(new OutboundRefused(url.protocol, url.protocol, 'non-HTTP'));
      // An address literal never reaches the lookup: it is checked here.
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host)) {
        const refused = refusedAddress(allow, host, host);
        if (refused) return reject(new OutboundRefused(host, host, refused.range));
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const timeoutMs = req.timeoutMs ?? 5000;
      const outgoing = send(
        url,
        {
          method: req.method,
          headers: req.headers ?? {},
          lookup,
          signal: AbortSignal.timeout(timeoutMs),
        },
        (res) => void readAnswer(res).then(resolve, reject),
      );
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });
}

function readAnswer(
  res: IncomingMessage,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () =>
      resolve({
        status: res.statusCode ?? 0,
        headers: Object.fromEntries(
          Object.entries(res.headers).map(([k, v]) => [
            k,
            Array.isArray(v) ? v.join(', ') : (v ?? ''),
          ]),
        ),
        body: Buffer.concat(chunks).toString('utf8'),
      });
    res.on('data', (chunk: Buffer) => {
      if (size >= MAX_ANSWER_BYTES) return;
      chunks.push(chunk.subarray(0, MAX_ANSWER_BYTES - size));
      size += chunk.length;
      // Enough kept: stop reading a large answer (the delivery already has its status).
      if (size >= MAX_ANSWER_BYTES) {
        res.destroy();
        done();
      }
    });
    res.on('end', done);
    res.on('error', reject);
  });
}

/** The outbound HTTP port with the allowlist from the environment (`TRELLIS_OUTBOUND_ALLOW`). */
export function envHttp(env: NodeJS.ProcessEnv): HttpPort {
  return guardedHttp(parseOutboundAllow(env.TRELLIS_OUTBOUND_ALLOW));
}
