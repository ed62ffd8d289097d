import type { Locale } from './http/locale';

/** Who is calling, as the engine sees it (CONTRACT.md Actor). */
export type Actor = {
  kind: 'user' | 'system' | 'token' | 'automation' | 'public';
  userId?: string;
  role?: string;
  teams?: string[];
  locale?: Locale;
};

/** The signed-in user behind a session or token. */
export type CurrentUser = {
  id: string;
  login: string;
  name: string;
  role: string;
  teams: string[];
  locale: Locale | null;
  status: string;
};

/** How the request was authenticated. */
export type AuthVia = 'session' | 'token' | 'none';

/** Hono environment of the app: per-request variables set by middleware. */
export type AppEnv = {
  Variables: {
    locale: Locale;
    actor: Actor | null;
    user: CurrentUser | null;
    authVia: AuthVia;
    sessionId: string | null;
  };
};
