import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppSpec } from '@trellis/spec';
import type { people as educationPeople } from './education';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../../../templates/b2b-sales');

/** The b2b-sales template's spec: the part files template.json lists, merged by top-level key. */
export function b2bSpec(): AppSpec {
  const manifest = JSON.parse(readFileSync(join(root, 'template.json'), 'utf8')) as {
    spec: string[];
  };
  const spec: Record<string, unknown> = {};
  for (const file of manifest.spec) {
    const part = JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
    for (const [k, v] of Object.entries(part)) if (k !== '$schema') spec[k] = v;
  }
  return spec as unknown as AppSpec;
}

/** A VP, three regional team leads and their account managers. */
export const b2bPeople: typeof educationPeople = [
  { login: 'zhao.min', role: 'sales-vp', teams: ['sales'], lead: ['sales'] },
  { login: 'sun.li', role: 'team-lead', teams: ['east'], lead: ['east'], supervisor: 'zhao.min' },
  { login: 'he.jun', role: 'sales', teams: ['east'], supervisor: 'sun.li', locale: 'en' },
  { login: 'xu.yan', role: 'sales', teams: ['east'], supervisor: 'sun.li' },
  {
    login: 'zhou.jie',
    role: 'team-lead',
    teams: ['south'],
    lead: ['south'],
    supervisor: 'zhao.min',
  },
  { login: 'luo.bin', role: 'sales', teams: ['south'], supervisor: 'zhou.jie' },
  {
    login: 'qin.lan',
    role: 'team-lead',
    teams: ['north'],
    lead: ['north'],
    supervisor: 'zhao.min',
  },
  { login: 'tang.yu', role: 'sales', teams: ['north'], supervisor: 'qin.lan' },
];
