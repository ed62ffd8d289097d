import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

type Operation = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation | unknown[]>>;
  components: { schemas: Record<string, unknown> };
};
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function ajvFor(doc: Doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('password', true).addFormat('binary', true);
  ajv.addSchema(doc, 'openapi');
  return ajv;
}

async function loadDoc() {
  const s = await fullStack();
  const admin = await s.signIn('root', 'admin');
  const doc = (await (
    await s.request('/api/v1/openapi.json', { cookie: admin.cookie })
  ).json()) as Doc;
  return { s, admin, doc };
}

describe('OpenAPI document', () => {
  it('every operation has a 2xx answer with a schema (unless 204) and a 4xx problem+json answer; every schema compiles', async () => {
    const { doc } = await loadDoc();
    expect(doc.openapi).toBe('3.1.0');
    const ajv = ajvFor(doc);
    const gaps: string[] = [];
    let operations = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.has(method)) continue;
        operations++;
        const { responses } = op as Operation;
        const ok = Object.entries(responses).filter(([code]) => /^2\d\d$/.test(code));
        if (ok.length === 0) gaps.push(`${method} ${path}: no 2xx`);
        for (const [code, res] of ok) {
          if (code === '204') continue;
          const media = Object.entries(res.content ?? {});
          if (media.length === 0 || media.some(([, m]) => m.schema === undefined))
            gaps.push(`${method} ${path}: ${code} without schema`);
          for (const [type] of media)
            ajv.compile({
              $ref: `openapi#/${pointer('paths', path, method, 'responses', code, 'content', type, 'schema')}`,
            });
        }
        const problems = Object.entries(responses).filter(
          ([code, res]) =>
            /^4\d\d$/.test(code) && res.content?.['application/problem+json']?.schema,
        );
        if (problems.length === 0) gaps.push(`${method} ${path}: no 4xx problem`);
      }
    }
    expect(gaps).toEqual([]);
    // Public endpoints that check credentials document it; public form pages need no sign-in.
    const codes = (path: string, method: string) =>
      Object.keys((doc.paths[path]?.[method] as Operation).responses);
    expect(codes('/hooks/{source}', 'post')).toEqual(
      expect.arrayContaining(['201', '401', '413', '422', '429']),
    );
    expect(codes('/api/v1/auth/login', 'post')).toEqual(
      expect.arrayContaining(['200', '401', '429']),
    );
    expect(codes('/api/v1/public/forms/{form}', 'get')).not.toContain('401');
    expect(codes('/api/v1/users', 'post')).toEqual(
      expect.arrayContaining(['201', '401', '403', '422']),
    );
    // A record write documents its two refusals apart: readable but not allowed, or not there.
    for (const method of ['patch', 'delete']) {
      const { responses } = doc.paths['/api/v1/records/lead/{id}']?.[method] as Operation & {
        responses: Record<string, { description: string }>;
      };
      expect(responses['403']?.description).toMatch(/^forbidden: the caller may read/);
      expect(responses['404']?.description).toMatch(/^not_found: .*may not read/);
    }
    expect(operations).toBeGreaterThan(60);
    for (const name of Object.keys(doc.components.schemas))
      ajv.compile({ $ref: `openapi#/${pointer('components', 'schemas', name)}` });
    // The fixed components exist next to entity schemas without replacing them.
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['sys.User', 'sys.Task', 'Lead', 'LeadInput', 'Problem']),
    );
  });

  it('real answers of fixed endpoints match their documented schemas', async () => {
    const { s, admin, doc } = await loadDoc();
    const ajv = ajvFor(doc);
    await s.request('/api/v1/tasks', {
      method: 'POST',
      cookie: admin.cookie,
      json: { title: '回电' },
    });
    const mismatches: unknown[] = [];
    for (const path of [
      '/api/v1/me',
      '/api/v1/users',
      '/api/v1/teams',
      '/api/v1/tasks',
      '/api/v1/notifications',
      '/api/v1/tokens',
      '/api/v1/spec',
      '/api/v1/spec/versions',
      '/api/v1/setup',
      '/api/v1/intake/sources',
      '/api/v1/automations',
      '/api/v1/views',
      ['/api/v1/views/{key}', '/api/v1/views/all-leads'],
      ['/api/v1/views/{key}/records', '/api/v1/views/all-leads/records?count=1'],
      ['/api/v1/views/{key}/groups', '/api/v1/views/all-leads/groups?by=stage'],
      ['/api/v1/records/{entity}/groups', '/api/v1/records/lead/groups?by=source'],
    ]) {
      const [documented, url] = (Array.isArray(path) ? path : [path, path]) as [string, string];
      const res = await s.request(url, { cookie: admin.cookie });
      expect(res.status, url).toBe(200);
      const validate = ajv.compile({
        $ref: `openapi#/${pointer('paths', documented, 'get', 'responses', '200', 'content', 'application/json', 'schema')}`,
      });
      if (!validate(await res.json())) mismatches.push({ path: url, errors: validate.errors });
    }
    expect(mismatches).toEqual([]);
    const tasks = (await (await s.request('/api/v1/tasks', { cookie: admin.cookie })).json()) as {
      items: unknown[];
    };
    expect(tasks.items).toHaveLength(1);
    // A documented problem answer matches the Problem schema.
    const missing = await s.request('/api/v1/users/nobody', {
      method: 'PATCH',
      cookie: admin.cookie,
      json: { name: 'x' },
    });
    expect(missing.status).toBe(404);
    const problem = ajv.compile({ $ref: 'openapi#/components/schemas/Problem' });
    expect(problem(await missing.json())).toBe(true);
  });
});
