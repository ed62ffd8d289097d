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

// The page of the API is 50 by default; a workspace owner needs everyone, page by page.
const PAGE = 200;

/** Every user, with contact details (the caller has manageUsers), all pages. */
export async function fetchAllUsers(): Promise<User[]> {
  const out: User[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (cursor) q.set('cursor', cursor);
    const page: { items: User[]; nextCursor: string | null } = await request(
      'GET',
      `/api/v1/users?${q}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

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
