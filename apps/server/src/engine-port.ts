import type { Engine } from '@trellis/engine';

/** The engine the server drives (records, activities, tasks, timeline, permissions). */
export type ServerEngine = Engine;
export type { EngineError, Via, ListOptions as ListQuery } from '@trellis/engine';
