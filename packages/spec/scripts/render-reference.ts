/**
 * Renders docs/spec-reference.md from the metaschema's descriptions, so the reference can never
 * drift from the schema. Pure (no I/O): generate.ts writes it, a test checks the file is current.
 */
type Schema = Record<string, unknown>;
type Section = { title: string; description: string; rows: string[] };

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function isLocaleMapSchema(s: Schema): boolean {
  const keys = Object.keys((s.properties ?? {}) as Schema);
  return keys.length > 0 && keys.every((k) => k === 'zh-CN' || k === 'en');
}

function typeOf(s: Schema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (Array.isArray(s.enum)) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (Array.isArray(s.oneOf)) return 'one of (by `type`)';
  if (Array.isArray(s.anyOf)) return (s.anyOf as Schema[]).map(typeOf).join(' \\| ');
  if (s.type === 'array') return `${typeOf((s.items ?? {}) as Schema)}[]`;
  if (s.type === 'object' && s.patternProperties) {
    const [key, value] = Object.entries(s.patternProperties as Record<string, Schema>)[0] ?? [
      '',
      {},
    ];
    return `map \`${key}\` → ${typeOf(value)}`;
  }
  if (s.type === 'object' && isLocaleMapSchema(s)) return '[LocaleMap](#localemap)';
  if (s.type === 'object') return 'object';
  if (s.type === undefined)
    return String(s.description ?? '').includes('JSONLogic') ? 'JSONLogic' : 'any';
  const extras = [
    s.pattern ? `pattern \`${s.pattern}\`` : '',
    s.format ? `format ${s.format}` : '',
  ].filter(Boolean);
  return `${s.type}${extras.length ? ` (${extras.join(', ')})` : ''}`;
}

function collect(schema: Schema, title: string, out: Section[]): void {
  if (Array.isArray(schema.oneOf)) {
    for (const branch of schema.oneOf as Schema[]) {
      const tag = Object.values((branch.properties ?? {}) as Record<string, Schema>).find(
        (p) => p.const !== undefined,
      )?.const;
      collect(branch, `${title} — ${String(tag ?? branch.title ?? '?')}`, out);
    }
    return;
  }
  if (Array.isArray(schema.anyOf)) {
    for (const branch of schema.anyOf as Schema[])
      if (branch.type === 'object') collect(branch, title, out);
    return;
  }
  if (schema.type === 'array' && schema.items)
    return collect(schema.items as Schema, `${title}[]`, out);
  if (schema.type !== 'object') return;
  if (schema.patternProperties) {
    const value = Object.values(schema.patternProperties as Record<string, Schema>)[0];
    if (value) collect(value, `${title}.<key>`, out);
    return;
  }
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const isLocaleMap = isLocaleMapSchema(schema);
  if (isLocaleMap && out.some((s) => s.title === 'LocaleMap')) return;
  const description = isLocaleMap
    ? "Text in several languages; the spec's defaultLocale must be present."
    : String(schema.description ?? '');
  const section: Section = { title: isLocaleMap ? 'LocaleMap' : title, description, rows: [] };
  out.push(section);
  for (const [name, prop] of Object.entries(props)) {
    section.rows.push(
      `| \`${name}\` | ${typeOf(prop)} | ${required.has(name) ? 'yes' : ''} | ${esc(String(prop.description ?? ''))} |`,
    );
  }
  for (const [name, prop] of Object.entries(props)) collect(prop, `${title}.${name}`, out);
}

type Template = { code: string; zh: string; en: string };

const STRUCTURAL = [
  ['schema.required', 'A required property is missing; the path ends with its name.'],
  [
    'schema.unknownProperty',
    'A property the schema does not know (often a typo); the path ends with it.',
  ],
  ['schema.badKey', 'A map key (field key, entity key, login...) has the wrong format.'],
  [
    'schema.unknownType',
    'A `type` (field, trigger, action, workbench item, webhook auth) that does not exist.',
  ],
  [
    'schema.type / schema.enum / schema.const / schema.pattern / schema.format',
    'A value of the wrong kind or format.',
  ],
  [
    'schema.minItems / maxItems / minLength / maxLength / minimum / maximum / exclusiveMinimum / uniqueItems / minProperties',
    'A size or range limit.',
  ],
  [
    'schema.anyOf',
    'A value that fits none of the allowed shapes (e.g. a form item that is neither a key nor a placement).',
  ],
];

function renderCodes(templates: Template[]): string[] {
  return [
    '## Validation error codes',
    '',
    '`validateSpec(spec, { locale })` returns `{ ok, errors: [{ path, code, message, params }] }`. Structural errors',
    '(from the metaschema) come first; semantic checks run only on a structurally valid spec. Expression errors use the',
    '`logic.*` codes of `docs/logic.md`, with the path continuing into the expression.',
    '',
    '| code | meaning |',
    '| --- | --- |',
    ...STRUCTURAL.map(([code, text]) => `| \`${code}\` | ${text} |`),
    ...templates.map((t) => `| \`${t.code}\` | ${esc(t.en)} <br> ${esc(t.zh)} |`),
    '',
  ];
}

/** The whole reference page. */
export function renderReference(schema: Schema, templates: Template[] = []): string {
  const sections: Section[] = [];
  collect(schema, 'AppSpec', sections);
  const lines = [
    '# App spec reference',
    '',
    '<!-- Generated by `pnpm --filter @trellis/spec generate` from packages/spec/src/schema. Do not edit by hand. -->',
    '',
    'Every property of the app spec, with the hover help the JSON editor shows. Texts shown to people are',
    'locale maps (`{"zh-CN": "线索", "en": "Lead"}`); conditions are JSONLogic (see `docs/logic.md`).',
    'Point `$schema` at `@trellis/spec/app-spec.schema.json` for completion in your editor.',
    '',
  ];
  for (const s of sections) {
    lines.push(
      `## ${s.title}`,
      '',
      s.description,
      '',
      '| property | type | required | description |',
      '| --- | --- | --- | --- |',
      ...s.rows,
      '',
    );
  }
  if (templates.length > 0) lines.push(...renderCodes(templates));
  return lines.join('\n');
}
