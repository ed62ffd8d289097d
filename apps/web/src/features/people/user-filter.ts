import type { User } from '../../lib/session/types';

/** Active people (signing in, away included), deactivated ones, or everyone. */
export type StatusFilter = 'active' | 'inactive' | 'all';

export type UserFilter = {
  /** Typed text: a part of the name, login, email or phone (case-insensitive). */
  q: string;
  role: string | null;
  /** A team key; '' for people in no team; null for any. */
  team: string | null;
  status: StatusFilter;
};

/** Whether a person passes the users page's filters. */
export function matchesUser(u: User, f: UserFilter): boolean {
  if (f.status === 'active' && u.status === 'disabled') return false;
  if (f.status === 'inactive' && u.status !== 'disabled') return false;
  if (f.role && u.role !== f.role) return false;
  if (f.team === '' && u.teams.length > 0) return false;
  if (f.team && !u.teams.includes(f.team)) return false;
  const needle = f.q.trim().toLowerCase();
  if (!needle) return true;
  // Phones are stored as E.164 ("+8613800138000"): "138 0013" finds it without the spaces.
  const digits = needle.replace(/[\s-]/g, '');
  return (
    [u.name, u.login, u.email ?? ''].some((s) => s.toLowerCase().includes(needle)) ||
    (digits !== '' && (u.phone ?? '').includes(digits))
  );
}
