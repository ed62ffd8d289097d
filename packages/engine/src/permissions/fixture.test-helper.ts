import type { PermissionSpec } from './types';

/** A small spec in the shape of the education template, for permission tests. */
export const fixtureSpec: PermissionSpec = {
  entities: [
    {
      key: 'lead',
      owned: true,
      fields: [
        { key: 'name', type: 'text' },
        { key: 'phone', type: 'phone' },
        { key: 'budget', type: 'money' },
        { key: 'idNumber', type: 'text' },
        { key: 'score', type: 'formula' },
        { key: 'importedAt', type: 'datetime', readOnly: true },
      ],
    },
    { key: 'course', owned: false, fields: [{ key: 'title', type: 'text' }] },
    // `owned` unset: owned, as the spec's default (an entity made in the builder).
    { key: 'enrollment', fields: [{ key: 'name', type: 'text' }] },
  ],
  roles: [
    {
      key: 'sales',
      entities: {
        lead: { create: true, read: 'own+pool', update: 'own', delete: 'none' },
        course: { read: 'all' },
        enrollment: { read: 'own', update: 'own' },
      },
      fields: { lead: { budget: 'readonly', idNumber: 'hidden' } },
      capabilities: ['export'],
    },
    {
      key: 'manager',
      entities: {
        lead: { create: true, read: 'team+pool', update: 'team', delete: 'team' },
        course: { create: true, read: 'all', update: 'own' },
      },
      capabilities: ['export', 'reassign', 'viewReports'],
    },
  ],
};
