import { request } from '../../../lib/api/client';
import type { User } from '../../../lib/session/types';

/** A team as GET /api/v1/teams answers it (mirrored from the spec; members are user ids). */
export type Team = {
  key: string;
  label: unknown;
  parentKey: string | null;
  leadUserId: string | null;
  members: string[];
};

/** What a workspace owner may set on a person (POST / PATCH /api/v1/users). */
export type UserInput = {
  login?: string;
  name?: string;
  password?: string;
  role?: string;
  teams?: string[];
  supervisorId?: string | null;
  email?: string;
  phone?: string;
  status?: 'active' | 'away' | 'disabled';
};

/** A rep-leaves plan: every open record of the person and who gets it. */
export type LeavePlan = {
  from: string;
  to: string[];
  items: { entity: string; id: string; title: string; to: string }[];
  perOwner: Record<string, number>;
};

const enc = encodeURIComponent;

export const peopleKeys = {
  all: ['people'] as const,
  users: () => [...peopleKeys.all, 'users'] as const,
  teams: () => [...peopleKeys.all, 'teams'] as const,
};

/** Every user, all pages (with contact details: the page's reader has manageUsers). */
export { fetchAllUsers } from '../../../lib/session/useUsers';

export const fetchTeams = async () =>
  (await request<{ items: Team[] }>('GET', '/api/v1/teams')).items;

export const createUser = (input: UserInput) => request<User>('POST', '/api/v1/users', input);

export const updateUser = (id: string, patch: UserInput) =>
  request<User>('PATCH', `/api/v1/users/${enc(id)}`, patch);

type LeaveBody = { to: string[]; reason?: string; note?: { text: string } };

export const previewLeave = (id: string, body: LeaveBody) =>
  request<LeavePlan>('POST', `/api/v1/users/${enc(id)}/leave/preview`, body);

export const runLeave = (id: string, body: LeaveBody) =>
  request<LeavePlan & { handovers: number }>('POST', `/api/v1/users/${enc(id)}/leave`, body);
