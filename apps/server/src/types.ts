import type { Actor, Locale } from '@trellis/engine';

/** Who is calling, as the engine sees it: the engine's own type (no server copy to drift). */
export type { Actor };

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
type AuthVia = 'session' | 'token' | 'none';

/** Hono environment of the app: per-request variables set by middleware. */
export type AppEnv = {
  Variables: {
    locale: Locale;
    actor: Actor | null;
    user: CurrentUser | null;
    authVia: AuthVia;
    sessionId: string | null;
    /** Set first by http/request-log: answered in X-Request-Id and in every log line. */
    requestId: string;
  };
};
