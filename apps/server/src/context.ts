import type { AppSpec } from '@trellis/spec';
import type { StoreDb } from '@trellis/store';
import type { RateLimiter } from './auth/rate-limit';
import type { SessionsRepo, TokensRepo } from './auth/repos';
import type { UsersRepo } from './auth/users';
import type { AutomationsApi } from '@trellis/engine';
import type { ServerEngine } from './engine-port';
import type { IntakeWriter } from './intake/intake-writer';
import type { GroupCommit } from './intake/group-commit';

/** Options of `createApp`. Only `engine` and `db` are required. */
export type ServerOptions = {
  engine: ServerEngine;
  db: StoreDb;
  /** The automation runtime: intake emits form.submitted / webhook.received through it; runs, dry runs, manual runs. */
  automations?: AutomationsApi;
  /** Time source (tests inject a fake). */
  clock?: { now(): number };
  /** Origins besides the request's own host that may send cookie-authenticated writes. */
  allowedOrigins?: string[];
  /** Trust X-Forwarded-Proto/-For (set when running behind a reverse proxy). */
  trustProxy?: boolean;
  /** Folder with the web app's build output (index.html, assets/); served for non-API GETs. */
  staticDir?: string;
  /** Folder where uploaded files are stored (by sha256); uploads are off without it. */
  filesDir?: string;
  /** 32-byte key that encrypts HMAC secrets of webhook sources at rest. */
  secretKey?: Buffer;
  limits?: Partial<Limits>;
  /** How often event streams look for writes of other processes (ms, default 5000); this process's writes wake them at once. */
  ssePollMs?: number;
  /**
   * Internal targets the operator allows automations to send to (TRELLIS_OUTBOUND_ALLOW: host
   * names, addresses, CIDR ranges); the spec check refuses other internal URLs.
   */
  outboundAllow?: string;
  /** Where request errors are logged (default console.error). */
  log?: (entry: Record<string, unknown>) => void;
};

export type Limits = {
  /** Largest JSON body of the API, in bytes. */
  bodyBytes: number;
  /** Largest file upload, in bytes. */
  fileBytes: number;
  /** Largest body of public intake (forms, webhooks), in bytes. */
  intakeBodyBytes: number;
  /** Failed logins allowed per IP+login per 15 minutes. */
  loginAttempts: number;
  /** Public form submissions allowed per IP per minute (0 = unlimited). */
  intakePerMinute: number;
  /** Largest page of a list. */
  maxPageSize: number;
};

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 1_048_576,
  fileBytes: 20 * 1_048_576,
  intakeBodyBytes: 65_536,
  loginAttempts: 10,
  intakePerMinute: 60,
  maxPageSize: 200,
};

/** What every route module receives: options plus the repositories built once per app. */
export type ServerContext = {
  engine: ServerEngine;
  db: StoreDb;
  now(): number;
  limits: Limits;
  options: ServerOptions;
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: TokensRepo;
  /** The live (published) spec, or null before the first publish. */
  spec(): AppSpec | null;
  /** Intake writes share commits (see intake/group-commit). */
  groupCommit: GroupCommit;
  /** The intake writer thread `trellis start` runs (null: intake writes in this thread). */
  intakeWriter: IntakeWriter | null;
  loginLimiter: RateLimiter;
  loginIpLimiter: RateLimiter;
  intakeLimiter: RateLimiter;
  log(entry: Record<string, unknown>): void;
};
