import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { renameTeam } from './rename-team';

const SPEC = {
  specVersion: 1,
  name: { en: 'School' },
  locales: ['en'],
  defaultLocale: 'en',
  entities: [{ key: 'lead', label: { en: 'Lead' }, titleField: 'name', fields: [] }],
  teams: [
    { key: 'team-1', label: { en: 'Admissions' } },
    { key: 'hangzhou', label: { en: 'Hangzhou' }, parent: 'team-1' },
    { key: 'other', label: { en: 'Other' } },
  ],
  automations: [
    {
      key: 'deal-out',
      label: { en: 'Deal out' },
      on: { type: 'record.created', entity: 'lead' },
      do: [
        { type: 'assign', strategy: 'roundRobin', team: 'team-1', fallback: { team: 'team-1' } },
        {
          type: 'assign',
          strategy: 'rules',
          rules: [
            { if: true, team: 'other' },
            { if: true, team: 'team-1' },
          ],
        },
        { type: 'createTask', title: 'team-1', assignee: 'owner' },
      ],
    },
  ],
} as unknown as AppSpec;

describe('renaming an unpublished team', () => {
  it('renames the team and every place that names it by key, nothing else', () => {
    const next = produce(SPEC, (s) => renameTeam(s, 'team-1', 'admissions'));
    expect(next.teams!.map((t) => [t.key, t.parent])).toEqual([
      ['admissions', undefined],
      ['hangzhou', 'admissions'],
      ['other', undefined],
    ]);
    expect(next.automations![0]!.do).toEqual([
      {
        type: 'assign',
        strategy: 'roundRobin',
        team: 'admissions',
        fallback: { team: 'admissions' },
      },
      {
        type: 'assign',
        strategy: 'rules',
        rules: [
          { if: true, team: 'other' },
          { if: true, team: 'admissions' },
        ],
      },
      // A task's title that happens to read like the key is text, not a reference.
      { type: 'createTask', title: 'team-1', assignee: 'owner' },
    ]);
  });
});
