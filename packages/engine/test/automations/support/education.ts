import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppSpec } from '@trellis/spec';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../../../templates/education');

/** The education template's spec: template.json lists spec files whose top-level keys are merged. */
export function educationSpec(): AppSpec {
  const manifest = JSON.parse(readFileSync(join(root, 'template.json'), 'utf8')) as {
    spec: string[];
  };
  const spec: Record<string, unknown> = {};
  for (const file of manifest.spec) {
    const part = JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
    for (const [k, v] of Object.entries(part)) if (k !== '$schema' && k !== '$comment') spec[k] = v;
  }
  return spec as unknown as AppSpec;
}

/** People of the education scenarios (a subset of the template's demo users). */
export const people: {
  login: string;
  role: string;
  teams: string[];
  lead?: string[];
  supervisor?: string;
  status?: 'active' | 'away' | 'disabled';
  phone?: string;
  locale?: 'zh-CN' | 'en';
}[] = [
  { login: 'chen.li', role: 'manager', teams: ['sales'], lead: ['sales'] },
  { login: 'wang.lei', role: 'supervisor', teams: ['tech'], lead: ['tech'], supervisor: 'chen.li' },
  {
    login: 'zhang.wei',
    role: 'sales',
    teams: ['tech'],
    supervisor: 'wang.lei',
    phone: '+8613800000001',
  },
  {
    login: 'li.na',
    role: 'sales',
    teams: ['tech'],
    supervisor: 'wang.lei',
    phone: '+8613800000002',
    locale: 'en',
  },
  { login: 'huang.qiang', role: 'sales', teams: ['tech'], supervisor: 'wang.lei', status: 'away' },
  { login: 'lin.fang', role: 'sales', teams: ['design'], supervisor: 'chen.li' },
  { login: 'wu.hao', role: 'sales', teams: ['hangzhou'], supervisor: 'chen.li' },
  { login: 'zheng.xue', role: 'sales', teams: ['hangzhou'], supervisor: 'chen.li' },
  {
    login: 'feng.kai',
    role: 'sales',
    teams: ['shanghai'],
    supervisor: 'chen.li',
    status: 'disabled',
  },
  { login: 'yang.fan', role: 'sales', teams: ['sales'], supervisor: 'chen.li' },
  { login: 'qian.hao', role: 'sales', teams: ['sales'], supervisor: 'chen.li' },
  {
    login: 'gao.min',
    role: 'advisor',
    teams: ['advisors'],
    lead: ['advisors'],
    supervisor: 'chen.li',
  },
  { login: 'ma.li', role: 'advisor', teams: ['advisors'], supervisor: 'gao.min' },
];
