import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDuration } from '@trellis/logic';
import type { AppSpec, FieldSpec } from '@trellis/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleTemplate } from '@trellis/server';
import { REPO_ROOT } from './run-cli';
import { routeLead } from './routing';

type Activity = { type: string; at: string; by: string; body: string; attachments?: unknown[] };
type LeadRecipe = {
  ref: string;
  owner: string | null;
  team: string | null;
  createdAt: string;
  stage: string;
  stageHistory: { stage: string; at: string }[];
  values: Record<string, unknown>;
  activities: Activity[];
  touches: Record<string, unknown>[];
};
type UserRecipe = {
  login: string;
  name: string;
  role: string;
  teams: string[];
  leads: string[];
  supervisor: string | null;
  status: string;
};
type Recipe = {
  recipe: number;
  template: string;
  users: UserRecipe[];
  records: Record<
    string,
    { ref: string; owner?: string | null; values: Record<string, unknown> }[]
  >;
};

const FOLDER = join(REPO_ROOT, 'templates', 'education');
let spec: AppSpec;
let recipe: Recipe;
let leads: LeadRecipe[];

/** '-36h' -> -36 hours in ms; relative times keep the demo fresh whenever it is loaded. */
function offset(at: string): number {
  const ms = parseDuration(at.replace(/^[-+]/, ''));
  if (ms === null) throw new Error(`bad offset ${at}`);
  return at.startsWith('-') ? -ms : ms;
}

beforeAll(() => {
  const bundle = bundleTemplate(FOLDER);
  if (!bundle.ok) throw new Error(JSON.stringify(bundle.errors));
  spec = bundle.spec as unknown as AppSpec;
  expect(bundle.manifest.demo).toBe('demo/recipe.json');
  recipe = JSON.parse(readFileSync(join(FOLDER, 'demo', 'recipe.json'), 'utf8')) as Recipe;
  leads = recipe.records.lead as unknown as LeadRecipe[];
});

describe('templates/education demo recipe', () => {
  it('has demo users for every role, in existing teams, with existing supervisors', () => {
    const roles = new Set((spec.roles ?? []).map((r) => r.key));
    const teams = new Set((spec.teams ?? []).map((t) => t.key));
    const logins = recipe.users.map((u) => u.login);
    expect(new Set(logins).size).toBe(logins.length);
    expect(new Set(recipe.users.map((u) => u.role))).toEqual(roles);
    for (const user of recipe.users) {
      expect(roles.has(user.role), user.login).toBe(true);
      for (const team of [...user.teams, ...user.leads])
        expect(teams.has(team), `${user.login} ${team}`).toBe(true);
      for (const team of user.leads) expect(user.teams).toContain(team);
      if (user.supervisor !== null) expect(logins).toContain(user.supervisor);
      expect(user.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
    }
  });

  it('has about 200 leads with Chinese names, unique E.164 mobile numbers and option values the spec knows', () => {
    expect(leads.length).toBeGreaterThanOrEqual(200);
    const phones = leads.map((l) => l.values.phone as string);
    expect(new Set(phones).size).toBe(phones.length);
    const fields = new Map<string, FieldSpec>(
      spec.entities.find((e) => e.key === 'lead')!.fields.map((f) => [f.key, f]),
    );
    for (const lead of leads) {
      expect(lead.values.name, lead.ref).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(lead.values.phone, lead.ref).toMatch(/^\+861[3-9]\d{9}$/);
      for (const [key, value] of Object.entries(lead.values)) {
        const field = fields.get(key);
        expect(field, `${lead.ref} ${key}`).toBeDefined();
        if (field?.type === 'select')
          expect(
            field.options.map((o) => o.value),
            `${lead.ref} ${key}`,
          ).toContain(value);
        if (field?.type === 'multiselect')
          for (const v of value as string[]) expect(field.options.map((o) => o.value)).toContain(v);
        if (field?.type === 'region') expect(value).toMatch(/^[1-9]\d{5}$/);
        if (field?.type === 'text' && field.pattern)
          expect(value, `${lead.ref} ${key}`).toMatch(new RegExp(field.pattern));
      }
    }
  });

  it('spreads leads over every stage and channel', () => {
    const stages = new Set(leads.map((l) => l.stage));
    expect(stages).toEqual(new Set(spec.pipelines![0]!.stages.map((s) => s.key)));
    expect(new Set(leads.map((l) => l.values.source)).size).toBeGreaterThanOrEqual(6);
    expect(leads.some((l) => l.owner === null)).toBe(true);
  });

  it('only walks allowed transitions and meets every gate on the way (requires and evidence)', () => {
    const stages = Object.fromEntries(spec.pipelines![0]!.stages.map((s) => [s.key, s]));
    const types = new Set((spec.activityTypes ?? []).map((a) => a.key));
    for (const lead of leads) {
      const history = lead.stageHistory;
      expect(history[0]?.stage, lead.ref).toBe('new');
      expect(history.at(-1)?.stage, lead.ref).toBe(lead.stage);
      expect(history[0]?.at).toBe(lead.createdAt);
      for (const activity of lead.activities)
        expect(types.has(activity.type), activity.type).toBe(true);
      for (let i = 1; i < history.length; i++) {
        const from = stages[history[i - 1]!.stage]!;
        const to = stages[history[i]!.stage]!;
        const enteredFrom = offset(history[i - 1]!.at);
        const movedAt = offset(history[i]!.at);
        expect(movedAt, lead.ref).toBeGreaterThanOrEqual(enteredFrom);
        if (from.transitions)
          expect(from.transitions, `${lead.ref} ${from.key}->${to.key}`).toContain(to.key);
        for (const field of to.requires ?? [])
          expect(lead.values[field], `${lead.ref} ${to.key} requires ${field}`).toBeDefined();
        for (const evidence of to.evidence ?? []) {
          const proof = lead.activities.find(
            (a) =>
              a.type === evidence.activityType &&
              offset(a.at) >= enteredFrom &&
              offset(a.at) <= movedAt &&
              (!evidence.withAttachment || (a.attachments?.length ?? 0) > 0),
          );
          expect(
            proof,
            `${lead.ref} needs ${evidence.activityType} before ${to.key}`,
          ).toBeDefined();
        }
      }
      for (const time of [lead.createdAt, ...lead.activities.map((a) => a.at)])
        expect(offset(time)).toBeLessThan(0);
    }
  });

  it('assigns each lead to the team the template’s routing rules choose, and to an owner in that team', () => {
    const members = new Map(recipe.users.map((u) => [u.login, u.teams]));
    for (const lead of leads) {
      if (lead.owner === null) continue;
      expect(routeLead(spec, { ...lead.values, ownerId: null }), lead.ref).toBe(lead.team);
      expect(members.get(lead.owner), lead.ref).toContain(lead.team);
    }
  });

  it('records UTM touches for leads that came through the public forms and webhooks', () => {
    const sources = new Set([
      ...(spec.forms ?? []).filter((f) => f.public).map((f) => f.key),
      ...(spec.webhookSources ?? []).map((w) => w.key),
    ]);
    const touched = leads.filter((l) => l.touches.length > 0);
    expect(touched.length).toBeGreaterThan(100);
    for (const lead of touched) {
      for (const touch of lead.touches) {
        expect(sources.has(touch.sourceKey as string), String(touch.sourceKey)).toBe(true);
        expect(touch.utm_campaign).toBe(lead.values.campaignCode);
        expect(touch.landing_url).toMatch(/^https:\/\//);
      }
    }
  });

  it('links every won lead to a student and an enrolment paying the quoted amount', () => {
    const won = leads.filter((l) => l.stage === 'won');
    const students = recipe.records.student ?? [];
    const enrollments = recipe.records.enrollment ?? [];
    expect(students).toHaveLength(won.length);
    for (const lead of won) {
      const student = students.find((s) => (s.values.lead as { $ref: string }).$ref === lead.ref);
      expect(student, lead.ref).toBeDefined();
      const enrollment = enrollments.find(
        (e) => (e.values.student as { $ref: string }).$ref === student!.ref,
      );
      expect(enrollment?.values.amount).toBe(lead.values.quotedAmount);
    }
    const codes = new Set((recipe.records.campaign ?? []).map((c) => c.values.code));
    for (const lead of leads)
      if (lead.values.campaignCode)
        expect(codes.has(lead.values.campaignCode), String(lead.values.campaignCode)).toBe(true);
  });
});
