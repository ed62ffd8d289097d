import type { Engine } from '@trellis/engine';

/** The engine the server drives (records, activities, tasks, timeline, permissions). */
export type ServerEngine = Engine;
export type { EngineError, EngineRecord } from '@trellis/engine';
export type Via = 'ui' | 'api' | 'import' | 'intake' | 'automation' | 'system';
export type ListQuery = { filter?: unknown; sort?: { field: string; dir: 'asc' | 'desc' }[]; cursor?: string; limit?: number; count?: boolean; search?: string };
