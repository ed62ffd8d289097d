import fc from 'fast-check';

// Malformed and hostile request bodies shared by the fuzz tests: wrong types, huge strings, deep
// JSON, invalid UTF-8, unknown and prototype-polluting fields, SQL-looking strings, odd content types.
export const SQLISH = [
  "'; DROP TABLE e_lead; --",
  '" OR 1=1 --',
  'name) VALUES (1); --',
  '%00',
  '\u0000',
  '../../etc/passwd',
  '{{7*7}}',
  '<script>alert(1)</script>',
];
const FIELDS = [
  'name',
  'phone',
  'course',
  'city',
  'wechatId',
  'notes',
  'budgetRange',
  'source',
  'ownerId',
  'id',
  'version',
  '__proto__',
  'constructor',
  'stage',
  'quotedAmount',
  'tags',
  '_hp',
];

export const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const weird = fc.oneof(
  fc.string(),
  fc.constantFrom(...SQLISH),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 4 }),
  fc.string({ minLength: 3000, maxLength: 6000 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const record = fc.dictionary(fc.constantFrom(...FIELDS), weird, { maxKeys: 6 });
export const body = fc.oneof(
  record.map((r) => ({ type: 'application/json', data: JSON.stringify(r) as string | Uint8Array })),
  fc
    .jsonValue()
    .map((v) => ({ type: 'application/json', data: JSON.stringify(v) as string | Uint8Array })),
  fc.string().map((s) => ({ type: 'application/json', data: s as string | Uint8Array })),
  fc
    .integer({ min: 20, max: 5000 })
    .map((n) => ({ type: 'application/json', data: deep(n) as string | Uint8Array })),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => ({
    type: 'application/json',
    data: Uint8Array.from([0x7b, 0xc3, 0x28, ...b]) as string | Uint8Array,
  })),
  record.map((r) => ({
    type: 'application/x-www-form-urlencoded',
    data: new URLSearchParams(
      Object.entries(r).map(([k, v]): [string, string] => [
        k,
        typeof v === 'string' ? v : JSON.stringify(v),
      ]),
    ).toString() as string | Uint8Array,
  })),
  fc
    .constantFrom('text/plain', 'application/xml', '', 'multipart/form-data')
    .map((t) => ({ type: t, data: 'a=b' as string | Uint8Array })),
);
