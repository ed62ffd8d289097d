import ipaddr from 'ipaddr.js';

/**
 * Where automations may send (callWebhook, webhook notifications): only public unicast
 * addresses, unless the operator allows an internal target. Used twice with the same rules: by
 * the spec check on URLs written in the spec, and by the server when it sends, on the address the
 * host resolves to at that moment (so a name cannot point somewhere else later).
 */

/** What an operator allows besides public addresses: host names and addresses or CIDR ranges. */
export type OutboundAllow = {
  hosts: ReadonlySet<string>;
  ranges: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];
};

export const NO_OUTBOUND_ALLOW: OutboundAllow = { hosts: new Set(), ranges: [] };

/**
 * Parses an allowlist such as `TRELLIS_OUTBOUND_ALLOW="crm.corp.example, 10.1.2.3, 192.168.0.0/16"`:
 * host names (exact, any case) and addresses or CIDR ranges. Entries that are neither are ignored.
 */
export function parseOutboundAllow(text: string | readonly string[] | undefined): OutboundAllow {
  const entries = (typeof text === 'string' ? text.split(/[\s,]+/) : (text ?? []))
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  const hosts = new Set<string>();
  const ranges: OutboundAllow['ranges'][number][] = [];
  for (const entry of entries) {
    const bare = entry.replace(/^\[|\]$/g, '');
    if (bare.includes('/') && ipaddr.isValidCIDR(bare)) ranges.push(normalizeCidr(bare));
    else if (ipaddr.isValid(bare)) {
      const ip = ipaddr.process(bare);
      ranges.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9.-]+$/.test(entry)) hosts.add(entry.replace(/\.$/, ''));
  }
  return { hosts, ranges };
}

function normalizeCidr(cidr: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const [ip, bits] = ipaddr.parseCIDR(cidr);
  // An IPv4-mapped range is the IPv4 range.
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96)
    return [(ip as ipaddr.IPv6).toIPv4Address(), bits - 96];
  return [ip, bits];
}

/**
 * The range an address belongs to, IPv4-mapped IPv6 read as IPv4 (`::ffff:127.0.0.1` is
 * loopback): `unicast` for a public address, else `loopback`, `private`, `linkLocal`,
 * `uniqueLocal`, `carrierGradeNat`, `multicast`, `unspecified`, `broadcast`, `reserved`, ...
 * (ipaddr.js's names). Null when it is not an address.
 */
export function addressRange(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return null;
  return ipaddr.process(bare).range();
}

/** Whether the operator's allowlist names this address (or a range holding it). */
function allowedAddress(allow: OutboundAllow, address: string): boolean {
  const ip = ipaddr.process(address.replace(/^\[|\]$/g, ''));
  return allow.ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));
}

/** Why sending to `address` (for `host`) is refused, or null when it may be sent to. */
export function refusedAddress(
  allow: OutboundAllow,
  host: string,
  address: string,
): { range: string } | null {
  const range = addressRange(address);
  if (range === null) return { range: 'invalid' };
  if (range === 'unicast') return null;
  if (allow.hosts.has(host.toLowerCase().replace(/\.$/, ''))) return null;
  return allowedAddress(allow, address) ? null : { range };
}

/**
 * What the spec check can tell from a URL alone: a target that is internal whatever DNS says —
 * an address literal outside public unicast (the URL parser already turned `0x7f000001`,
 * `2130706433` and `0177.0.0.1` into `127.0.0.1`) or a `localhost` name. Null otherwise (names
 * are checked again when sending). Unparseable URLs are left to the schema.
 */
export function internalUrlTarget(
  url: string,
  allow: OutboundAllow = NO_OUTBOUND_ALLOW,
): { host: string; range: string } | null {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    host = parsed.hostname.toLowerCase();
  } catch {
    return null;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return allow.hosts.has(host) ? null : { host, range: 'loopback' };
  }
  if (addressRange(host) === null) return null;
  const refused = refusedAddress(allow, host, host);
  return refused ? { host, range: refused.range } : null;
}
