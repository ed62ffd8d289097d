import type { Actor } from './types';
import type { ProblemError } from './http/problem';

/**
 * What the server needs from @trellis/engine (CONTRACT.md "engine"). Written structurally so
 * the server compiles against the contract; the real Engine satisfies it.
 */
export type EngineError = { code: string; message: string; errors?: ProblemError[]; status?: number };
export type EngineRecord = Record<string, unknown>;
export type EngineResult<T = EngineRecord> = { ok: true; record: T } | { ok: false; error: EngineError };
export type MaybePromise<T> = T | Promise<T>;
export type Via = 'ui' | 'api' | 'import' | 'intake' | 'automation' | 'system';
export type WriteOptions = { actor: Actor; via: Via; locale?: 'zh-CN' | 'en' };
export type ListQuery = { filter?: unknown; sort?: { field: string; dir: 'asc' | 'desc' }[]; cursor?: string; limit?: number; count?: boolean; search?: string };
export type ListResult = { ok: true; items: EngineRecord[]; nextCursor: string | null; total?: number } | { ok: false; error: EngineError };

export type ServerEngine = {
  records: {
    create(entity: string, values: Record<string, unknown>, opts: WriteOptions & { mode?: 'interactive' | 'merge' }): MaybePromise<EngineResult & { merged?: boolean }>;
    update(entity: string, id: string, patch: Record<string, unknown>, opts: WriteOptions & { version: number }): MaybePromise<EngineResult>;
    remove(entity: string, id: string, opts: WriteOptions & { version?: number }): MaybePromise<EngineResult>;
    restore(entity: string, id: string, opts: WriteOptions): MaybePromise<EngineResult>;
    get(entity: string, id: string, opts: { actor: Actor; locale?: 'zh-CN' | 'en'; includeDeleted?: boolean }): MaybePromise<EngineResult>;
    list(entity: string, query: ListQuery, opts: { actor: Actor; locale?: 'zh-CN' | 'en' }): MaybePromise<ListResult>;
    changeStage(entity: string, id: string, stage: string, opts: WriteOptions & { version?: number; reason?: string }): MaybePromise<EngineResult>;
  };
  [other: string]: unknown;
};
