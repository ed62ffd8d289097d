import type { sessionsRepo } from './sessions';
import type { tokensRepo } from './tokens';

export type SessionsRepo = ReturnType<typeof sessionsRepo>;
export type TokensRepo = ReturnType<typeof tokensRepo>;
