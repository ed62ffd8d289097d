/** Query keys of the signed-in session: who, what spec, which people. */
export const sessionKeys = {
  all: ['session'] as const,
  me: () => [...sessionKeys.all, 'me'] as const,
  spec: () => [...sessionKeys.all, 'spec'] as const,
  setup: () => [...sessionKeys.all, 'setup'] as const,
  users: () => [...sessionKeys.all, 'users'] as const,
  teams: () => [...sessionKeys.all, 'teams'] as const,
};
