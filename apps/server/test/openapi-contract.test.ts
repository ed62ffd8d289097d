import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

type Operation = {
  operationId?: string;
  summary?: string;
  parameters?: { name: string; in: string; schema?: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema?: Record<string, unknown> }> };
  responses: Record<string, unknown>;
};
type Doc = { openapi: string; paths: Record<string, Record<string, unknown>> };
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

const operations = (doc: Doc): [string, string, Operation][] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]): [string, string, Operation] => [method, path, op as Operation]),
  );

/** Every `$ref` of the document that does not point at something in it. */
function danglingRefs(doc: unknown): string[] {
  const out: string[] = [];
  const resolve = (pointer: string): unknown =>
    pointer
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>(
        (node, key) =>
          node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
        doc,
      );
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && resolve(value) === undefined)
        out.push(value);
      else walk(value);
    }
  };
  walk(doc);
  return out;
}

async function documents() {
  const s = await fullStack();
  const docs: [string, Doc][] = [
    ['anonymous', (await (await s.request('/api/v1/openapi.json')).json()) as Doc],
  ];
  for (const role of s.spec.roles ?? []) {
    const { cookie } = await s.signIn(`u-${role.key}`, role.key);
    const res = await s.request('/api/v1/openapi.json', { cookie });
    docs.push([role.key, (await res.json()) as Doc]);
  }
  return { s, docs };
}

describe('OpenAPI contract', () => {
  it('is a valid OpenAPI 3.1 document for anonymous callers and for every role, every $ref resolving', async () => {
    const { docs } = await documents();
    expect(docs.map(([who]) => who)).toEqual([
      'anonymous',
      'admin',
      'manager',
      'supervisor',
      'sales',
      'advisor',
      'marketing',
    ]);
    for (const [who, doc] of docs) {
      const validator = new Validator();
      const result = await validator.validate(doc as never);
      expect({ who, errors: result.errors ?? [] }).toEqual({ who, errors: [] });
      expect(validator.version).toBe('3.1');
      expect({ who, dangling: danglingRefs(doc) }).toEqual({ who, dangling: [] });
    }
  });

  it('gives every operation a unique operationId and a summary, and entity operations their problem answers', async () => {
    const { docs } = await documents();
    const [, doc] = docs.find(([who]) => who === 'admin')!;
    const ops = operations(doc);
    const missing = ops
      .filter(([, , op]) => !op.operationId || !op.summary)
      .map(([m, p]) => `${m} ${p}`);
    expect(missing).toEqual([]);
    const ids = ops.map(([, , op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);

    const codes = (path: string, method: string) =>
      Object.keys((doc.paths[path]?.[method] as Operation).responses);
    for (const [path, method] of [
      ['/api/v1/records/lead', 'post'],
      ['/api/v1/records/lead/{id}', 'patch'],
      ['/api/v1/records/lead/{id}/stage', 'post'],
    ] as const)
      expect(codes(path, method), `${method} ${path}`).toEqual(
        expect.arrayContaining(['400', '401', '403', '404', '409', '422', 'default']),
      );
    expect(codes('/api/v1/records/lead/{id}', 'get')).toEqual(
      expect.arrayContaining(['401', '403', '404']),
    );
    expect(codes('/api/v1/records/lead/{id}', 'delete')).toEqual(
      expect.arrayContaining(['401', '403', '404', '409']),
    );
  });

  it('documents /stage only for entities with a pipeline, with the stage keys', async () => {
    const { s, docs } = await documents();
    const [, doc] = docs.find(([who]) => who === 'admin')!;
    const withPipeline = new Set((s.spec.pipelines ?? []).map((p) => p.entity));
    expect(withPipeline.has('lead')).toBe(true);
    for (const entity of s.spec.entities)
      expect(
        `/api/v1/records/${entity.key}/{id}/stage` in doc.paths,
        `${entity.key} has a pipeline: ${withPipeline.has(entity.key)}`,
      ).toBe(withPipeline.has(entity.key));
    const stage = (doc.paths['/api/v1/records/lead/{id}/stage']?.post as Operation).requestBody!
      .content['application/json']!.schema as { properties: { stage: { enum: string[] } } };
    const leadStages = s.spec.pipelines!.find((p) => p.entity === 'lead')!.stages;
    expect(stage.properties.stage.enum).toEqual(leadStages.map((st) => st.key));
  });

  it('documents paging on every list: activities, run log, tasks, notifications, users, records', async () => {
    const { docs } = await documents();
    const [, doc] = docs.find(([who]) => who === 'admin')!;
    const params = (path: string) =>
      ((doc.paths[path]?.get as Operation | undefined)?.parameters ?? []).filter(
        (p) => p.in === 'query',
      );
    for (const path of [
      '/api/v1/records/{entity}/{id}/activities',
      '/api/v1/automations/runs',
      '/api/v1/tasks',
      '/api/v1/notifications',
      '/api/v1/users',
      '/api/v1/records/lead',
      '/api/v1/records/{entity}/deleted',
      '/api/v1/views/{key}/records',
    ]) {
      const names = params(path).map((p) => p.name);
      expect(names, path).toEqual(expect.arrayContaining(['limit', 'cursor']));
      expect(params(path).find((p) => p.name === 'limit')?.schema).toMatchObject({
        maximum: 200,
      });
    }
    expect(params('/api/v1/automations/runs').find((p) => p.name === 'status')?.schema).toEqual({
      enum: ['matched', 'skipped', 'failed', 'succeeded', 'stopped'],
    });
  });

  it('shows anonymous callers the public form bodies without fields any role hides', async () => {
    const { s, docs } = await documents();
    const [, anon] = docs.find(([who]) => who === 'anonymous')!;
    const form = (s.spec.forms ?? []).find((f) => f.public)!;
    const body = (anon.paths[`/f/${form.slug ?? form.key}`]?.post as Operation).requestBody!
      .content['application/json']!.schema as { properties: Record<string, unknown> };
    const onForm = form.sections.flatMap((sec) =>
      sec.fields.map((p) => (typeof p === 'string' ? p : p.field)),
    );
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(onForm));
    // The anonymous document lists no entity field a role hides, yet the form keeps its fields.
    const hiddenSomewhere = new Set(
      (s.spec.roles ?? []).flatMap((r) =>
        Object.entries(r.fields?.lead ?? {})
          .filter(([, a]) => a === 'hidden')
          .map(([f]) => f),
      ),
    );
    const leadProps = Object.keys(
      (anon as unknown as { components: { schemas: Record<string, { properties: object }> } })
        .components.schemas.Lead!.properties,
    );
    expect(leadProps.filter((f) => hiddenSomewhere.has(f))).toEqual([]);
  });
});
