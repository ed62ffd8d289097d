import type { AppLogger } from './setup/logger';
import type { AppSpec } from '@trellis/spec';
import type { Store } from '@trellis/store';
import type { CountReads } from './http/count-reads';
import type { RateLimiter } from './auth/rate-limit';
import type { AuthCache } from './auth/auth-cache';
import type { SessionsRepo, TokensRepo } from './auth/repos';
import type { UsersRepo } from './auth/users';
import type { AutomationsApi } from '@trellis/engine';
import type { ServerEngine } from './engine-port';
import type { IntakeInput, IntakeOutcome } from './intake/submit';
import type { ApplyOptions, ApplyResult, TemplateSource } from './templates/install';
import type { ChangeUserResult, UserChange } from './auth/change-user';
import type { SpecPublish } from './auth/publish-keeping-managers';
import type { PublishResult } from '@trellis/store';

/** Options of `createApp`. Only `engine` and `store` are required. */
export type ServerOptions = {
  engine: ServerEngine;
  /** Where everything is kept (in `trellis start`: reads here, writes forwarded to the writer). */
  store: Store;
  /** The automation runtime: intake emits form.submitted / webhook.received through it; runs, dry runs, manual runs. */
  automations?: AutomationsApi;
  /**
   * Writes an intake submission (one transaction: record, activity, event, log, idempotency).
   * Default: here, over `engine` and `store`; `trellis start` forwards it to the writer thread.
   */
  submitIntake?: (input: IntakeInput) => Promise<IntakeOutcome>;
  /** Time source (tests inject a fake). */
  clock?: { now(): number };
  /** Origins besides the request's own host that may send cookie-authenticated writes. */
  allowedOrigins?: string[];
  /** Trust X-Forwarded-Proto/-For (set when running behind a reverse proxy). */
  trustProxy?: boolean;
  /** Folder with the web app's build output (index.html, assets/); served for non-API GETs. */
  staticDir?: string;
  /** Template folders (or folders of them) the builder's gallery offers; none: an empty gallery. */
  templateDirs?: string[];
  /**
   * Installs or upgrades a template (one transaction: publish + the install record). Default:
   * here, over `store`; `trellis start` forwards it to the writer thread.
   */
  applyTemplate?: (template: TemplateSource, opts: ApplyOptions) => Promise<ApplyResult>;
  /**
   * Changes a person's role, status, teams or account (one transaction, the last-user-manager
   * rule first). Default: here, over `store`; `trellis start` forwards it to the writer thread.
   */
  changeUser?: (id: string, change: UserChange, now: number) => Promise<ChangeUserResult>;
  /**
   * Publishes the draft (or a spec, or restores a version), refusing one that leaves nobody able
   * to manage users. Default: here, over `store`; `trellis start` forwards it to the writer.
   */
  publishSpec?: (request: SpecPublish) => Promise<PublishResult<AppSpec>>;
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
  /** Where request errors are logged (default: `logger`, else console.error). */
  log?: (entry: Record<string, unknown>) => void;
  /** The request log and error log (pino, setup/logger.ts); none: no request log. */
  logger?: AppLogger;
  /**
   * Starts running an import job (without waiting for it). Default: here, over `engine`;
   * `trellis start` runs jobs in the writer thread.
   */
  runImport?: (jobId: string) => Promise<void>;
  /** How often an import's progress stream looks at the job (ms, default 300). */
  importPollMs?: number;
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
  /** Largest import file (streamed to disk), in bytes. */
  importBytes: number;
};

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 1_048_576,
  fileBytes: 20 * 1_048_576,
  intakeBodyBytes: 65_536,
  loginAttempts: 10,
  intakePerMinute: 60,
  maxPageSize: 200,
  importBytes: 200 * 1_048_576,
};

/** What every route module receives: options plus the repositories built once per app. */
export type ServerContext = {
  engine: ServerEngine;
  store: Store;
  now(): number;
  limits: Limits;
  options: ServerOptions;
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: TokensRepo;
  /** Callers resolved in the last second (auth/auth-cache.ts); emptied by every auth write. */
  authCache: AuthCache;
  /** Reads that count over many records (widgets, groups): see http/count-reads.ts. */
  countReads: CountReads;
  /** The live (published) spec, or null before the first publish: the engine's, read in one place. */
  spec(): Promise<AppSpec | null>;
  /** Writes an intake submission (see ServerOptions.submitIntake). */
  submitIntake(input: IntakeInput): Promise<IntakeOutcome>;
  loginLimiter: RateLimiter;
  loginIpLimiter: RateLimiter;
  intakeLimiter: RateLimiter;
  log(entry: Record<string, unknown>): void;
  /** Changes a person (see ServerOptions.changeUser); empties the auth cache around it. */
  changeUser(id: string, change: UserChange, now: number): Promise<ChangeUserResult>;
  /** Publishes or restores the spec (see ServerOptions.publishSpec). */
  publishSpec(request: SpecPublish): Promise<PublishResult<AppSpec>>;
  /** Import jobs: where they run (see ServerOptions.runImport). */
  imports: { start(jobId: string): Promise<void> };
};
