import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SQLISH, body, deep } from './fuzz-inputs';
import { rows } from './rows';
import { fullStack } from './stack';

const filter = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.constantFrom(...SQLISH),
  fc.constant(JSON.stringify({ '==': [{ var: 'name' }, "x' OR '1'='1"] })),
  fc.constant(deep(500)),
);

describe('fuzz: malformed requests to intake and record endpoints', () => {
  it('never answers 5xx, always with problem+json on errors, and never writes a partial record', async () => {
    const s = await fullStack();
    const { cookie } = await s.signIn('boss', 'manager', ['tech']);
    const seed = await s.engine.records.create(
      'lead',
      { name: '种子', phone: '+8613000000000', source: 'website' },
      { actor: { kind: 'system' }, via: 'import' },
    );
    if (!seed.ok) throw new Error('seed');
    const id = String(seed.record.id);
    const target = fc.oneof(
      fc.record({
        method: fc.constant('POST'),
        path: fc.constantFrom(
          '/f/apply',
          '/f/dy',
          '/api/v1/records/lead',
          '/hooks/douyin',
          '/f/%E2%80%AE',
          '/api/v1/records/lead/x/stage',
        ),
        body,
      }),
      fc.record({
        method: fc.constantFrom('PATCH', 'PUT', 'DELETE'),
        path: fc.constantFrom(
          `/api/v1/records/lead/${id}`,
          '/api/v1/records/lead/nope',
          '/api/v1/records/%00/1',
        ),
        body,
      }),
      fc.record({
        method: fc.constant('GET'),
        path: filter.map((f) => `/api/v1/records/lead?filter=${encodeURIComponent(f)}`),
        body: fc.constant(null),
      }),
      fc.record({
        method: fc.constant('GET'),
        path: fc
          .tuple(fc.string(), fc.string())
          .map(
            ([a, b]) =>
              `/api/v1/records/lead?sort=${encodeURIComponent(a)}&limit=${encodeURIComponent(b)}&cursor=${encodeURIComponent(a)}`,
          ),
        body: fc.constant(null),
      }),
    );
    const requests = fc.sample(target, { numRuns: 5200, seed: 20261122 });
    const problems: string[] = [];
    let created = 0;
    const statuses = new Map<number, number>();
    for (const r of requests) {
      const headers: Record<string, string> = { cookie, origin: 'http://localhost' };
      if (r.body?.type) headers['content-type'] = r.body.type;
      const res = await s.app.request(`http://localhost${r.path}`, {
        method: r.method,
        headers,
        ...(r.body ? { body: r.body.data } : {}),
      });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500)
        problems.push(`${res.status} ${r.method} ${r.path} ${text.slice(0, 200)}`);
      else if (res.status >= 400) {
        if (!(res.headers.get('content-type') ?? '').startsWith('application/problem+json'))
          problems.push(`not problem+json: ${res.status} ${r.method} ${r.path}`);
        else if ((JSON.parse(text) as { status: number }).status !== res.status)
          problems.push(`status mismatch ${r.path}`);
      } else if (res.status === 201 && r.path.startsWith('/api/v1/records/lead')) created++;
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(requests.length).toBeGreaterThanOrEqual(5000);
    // Nothing half-written: every stored lead has its required fields and a normalized phone.
    const stored = await rows(s.store, 'e_lead');
    const broken = stored.filter(
      (r) =>
        r.name === null ||
        r.name === '' ||
        r.phone === null ||
        !String(r.phone).startsWith('+') ||
        r.source === null,
    );
    expect(broken).toEqual([]);
    const history = new Set((await rows(s.store, 'record_history')).map((r) => r.record_id));
    expect(history.size).toBe(stored.length);
    // The inputs reached every layer: parsing, validation, permissions and successful writes.
    for (const status of [201, 400, 404, 415, 422])
      expect(statuses.get(status), `${status} in ${JSON.stringify([...statuses])}`).toBeGreaterThan(
        0,
      );
    expect(created + (statuses.get(201) ?? 0)).toBeGreaterThan(0);
  }, 120_000);
});
