import { apiSession } from './api-session';
import type { DemoLogin } from './trellis';

/**
 * A trial-stage lead of the course advisor and its owner's login: the owner logging its trial
 * class notifies the advisor (the education template's trial-done-advance automation), which
 * moves the lead on, so each call finds another lead.
 */
export async function trialLead(
  server: { url: string; logins: DemoLogin[]; login(role: string): DemoLogin },
  advisorLogin: string,
) {
  const admin = await apiSession(server, server.login('admin').login);
  const users = await admin<{ items: { id: string; login: string }[] }>(
    'GET',
    '/api/v1/users?limit=200',
  );
  const advisorId = users.items.find((u) => u.login === advisorLogin)!.id;
  const filter = {
    and: [{ '==': [{ var: 'stage' }, 'trial'] }, { '==': [{ var: 'courseAdvisor' }, advisorId] }],
  };
  const found = await admin<{ items: { id: string; name: string; ownerId: string }[] }>(
    'GET',
    `/api/v1/records/lead?limit=1&filter=${encodeURIComponent(JSON.stringify(filter))}`,
  );
  const lead = found.items[0];
  if (!lead) throw new Error(`no trial lead of ${advisorLogin} left in the demo`);
  return { lead, owner: users.items.find((u) => u.id === lead.ownerId)!.login };
}
