import type { Context } from 'hono';
import type { AppEnv } from '../types';
import { HttpProblem } from './problem';

/** Limits on request bodies; a deep JSON document is refused before anything walks it. */
const MAX_JSON_DEPTH = 32;

/** Deepest nesting of a parsed JSON value, walked without recursion. */
function jsonDepth(value: unknown, stopAt = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) max = depth;
    if (max > stopAt) return max;
    for (const child of Array.isArray(node) ? node : Object.values(node))
      stack.push([child, depth + 1]);
  }
  return max;
}

/** Keeps no state between whole-buffer decodes: one for every request. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

async function readText(c: Context<AppEnv>): Promise<string> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  try {
    return utf8.decode(bytes);
  } catch {
    throw new HttpProblem(400, 'invalid_encoding');
  }
}

function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'invalid_json');
  }
  if (jsonDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    throw new HttpProblem(400, 'too_deep', { max: MAX_JSON_DEPTH });
  return value;
}

/** Parses `a=1&b=2&b=3` into strings, repeated keys into arrays. */
function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return { ...out };
}

/**
 * Reads a JSON object body (or, when `allowForm`, an urlencoded one). Throws HttpProblem for
 * a wrong content type, invalid UTF-8, malformed or too deep JSON, or a non-object body.
 */
export async function readObject(
  c: Context<AppEnv>,
  opts: { allowForm?: boolean; optional?: boolean } = {},
): Promise<{ body: Record<string, unknown>; form: boolean }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = await readText(c);
  if (opts.optional && text.trim() === '') return { body: {}, form: false };
  if (opts.allowForm && type === 'application/x-www-form-urlencoded')
    return { body: parseForm(text), form: true };
  if (type !== 'application/json' && !type.endsWith('+json'))
    throw new HttpProblem(415, 'unsupported_media_type', { type: type || '-' });
  const value = parseJson(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new HttpProblem(400, 'invalid_body');
  return { body: value as Record<string, unknown>, form: false };
}

/** Reads the raw body text (for signature checks) and parses it as a JSON object. */
export async function readRawJson(
  c: Context<AppEnv>,
): Promise<{ raw: string; body: Record<string, unknown> }> {
  const raw = await readText(c);
  const value = parseJson(raw);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new HttpProblem(400, 'invalid_body');
  return { raw, body: value as Record<string, unknown> };
}
