import { request } from '../../../lib/api/client';
import type { RecordData } from '../../../lib/records/types';

/** The handover note (《客户背景摘要》): key needs, risks, open items, free text. */
export type HandoverNote = { needs?: string[]; risks?: string[]; open?: string[]; text?: string };

/** A handover as the server answers it. */
export type Handover = {
  id: string;
  entity: string;
  recordId: string;
  fromUserId: string | null;
  toUserId: string;
  reason: string | null;
  status: string;
  createdAt: number;
  decidedAt?: number | null;
  summary: { note?: HandoverNote | null; title?: string; stage?: string | null } | null;
};

export type LeavePlan = {
  from: string;
  to: string[];
  items: { entity: string; id: string; title: string; to: string }[];
  perOwner: Record<string, number>;
};

export type PoolPage = {
  items: RecordData[];
  fields: string[];
  nextCursor: string | null;
  total?: number;
};

const enc = encodeURIComponent;

export const ownershipKeys = {
  all: ['ownership'] as const,
  pending: () => ['ownership', 'pending'] as const,
  pool: (entity: string, q: string) => ['ownership', 'pool', entity, q] as const,
};

export const handOver = (
  entity: string,
  body: { ids: string[]; to: string; reason?: string; note?: HandoverNote },
) => request<{ handovers: Handover[] }>('POST', `/api/v1/records/${enc(entity)}/handover`, body);

export const pendingHandovers = async () =>
  (await request<{ items: Handover[] }>('GET', '/api/v1/handovers')).items;

export const acceptHandover = (id: string) =>
  request<{ handover: Handover }>('POST', `/api/v1/handovers/${enc(id)}/accept`, {});

export const declineHandover = (id: string, reason: string) =>
  request<{ handover: Handover }>('POST', `/api/v1/handovers/${enc(id)}/decline`, { reason });

/** A signed public link the customer opens to agree that their history passes on. */
export const consentLink = (id: string) =>
  request<{ url: string; expiresAt: number }>('POST', `/api/v1/handovers/${enc(id)}/consent`, {});

export const poolPage = (entity: string, q: string, cursor: string | null) => {
  const params = new URLSearchParams({ limit: '50' });
  if (q) params.set('q', q);
  if (cursor) params.set('cursor', cursor);
  return request<PoolPage>('GET', `/api/v1/pool/${enc(entity)}?${params}`);
};

export const claim = (entity: string, id: string) =>
  request<RecordData>('POST', `/api/v1/records/${enc(entity)}/${enc(id)}/claim`, {});

export const release = (entity: string, id: string, reason: string) =>
  request<RecordData>('POST', `/api/v1/records/${enc(entity)}/${enc(id)}/release`, { reason });

type LeaveBody = { to: string[]; reason?: string; note?: HandoverNote };

export const previewLeave = (user: string, body: LeaveBody) =>
  request<LeavePlan>('POST', `/api/v1/users/${enc(user)}/leave/preview`, body);

export const runLeave = (user: string, body: LeaveBody) =>
  request<LeavePlan & { handovers: number }>('POST', `/api/v1/users/${enc(user)}/leave`, body);
