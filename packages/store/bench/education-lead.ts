/** The education template's spec and lead as the store's write benches insert it (layers, health-width). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppShape } from '../src/index';

/** The education template's spec (templates/education/spec/*.json merged by top-level key). */
export function educationSpec(): AppShape {
  const dir = join(import.meta.dirname, '../../../templates/education/spec');
  const spec: Record<string, unknown> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const part = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(part)) {
      if (key === '$schema') continue;
      const prev = spec[key];
      spec[key] = Array.isArray(prev) && Array.isArray(value) ? [...prev, ...value] : value;
    }
  }
  return spec as unknown as AppShape;
}

const COURSES = ['python', 'dataAnalysis', 'uiDesign', 'frontend', 'java'];
const CITIES = ['330100', '110100', '310100', '440300', '510100'];

/** A normalized lead, as the engine bench's baseline inserts it. */
export function lead(n: number): Record<string, unknown> {
  const now = Date.now();
  return {
    createdAt: now,
    stage: 'new',
    stageEnteredAt: now,
    slaDueAt: now + 48 * 3_600_000,
    name: `王伟${n}`,
    phone: `+86${13800000000 + n}`,
    email: `lead${n}@example.com`,
    source: 'douyin',
    campaignCode: 'spring_2026',
    course: COURSES[n % 5],
    budgetRange: 'from10kTo20k',
    decisionCycle: 'withinMonth',
    city: CITIES[n % 5],
    age: 20 + (n % 30),
    tags: ['weekend', 'online'],
    notes: '抖音表单留资，想周末上课，关心就业服务。',
    profileScore: 100,
  };
}
