import type { AppSpec, SpecChange } from '@trellis/spec';
import { api, request, unwrap } from '../../../lib/api/client';
import { ApiError } from '../../../lib/api/problem';
import type { PublishPreview, Resolution } from '../publish/types';
import type { SpecProblem } from './draft-store';

/** Query keys of the builder. */
export const builderKeys = {
  all: ['builder'] as const,
  session: () => [...builderKeys.all, 'session'] as const,
  theirs: () => [...builderKeys.all, 'theirs'] as const,
  versions: () => [...builderKeys.all, 'versions'] as const,
  version: (v: number) => [...builderKeys.all, 'version', v] as const,
};

/** The server's draft. `revision` is what If-Match takes. */
export type ServerDraft = {
  spec: unknown;
  baseVersion: number | null;
  updatedAt: number;
  updatedBy: string | null;
  revision: number;
};

const ifMatch = (revision: number) => ({ 'if-match': `"${revision}"` });

/** The draft, or null when nobody has started one. */
export async function fetchDraft(): Promise<ServerDraft | null> {
  try {
    return (await unwrap(api.GET('/api/v1/spec/draft'))) as ServerDraft;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/** The live spec in full (builders see automations and webhook sources too). */
export async function fetchLive(): Promise<{ version: number | null; spec: AppSpec | null }> {
  return (await unwrap(api.GET('/api/v1/spec'))) as {
    version: number | null;
    spec: AppSpec | null;
  };
}

/** Saves over `revision` (0: only if there is no draft); a 409 ApiError when someone saved since. */
export async function saveDraft(spec: AppSpec, revision: number) {
  const res = await unwrap(
    api.PUT('/api/v1/spec/draft', { body: spec as never, headers: ifMatch(revision) }),
  );
  return res as unknown as { draft: ServerDraft; valid: boolean; errors: SpecProblem[] };
}

/** Throws the draft away (only the revision this builder has seen). */
export async function discardDraft(revision: number): Promise<void> {
  await unwrap(api.DELETE('/api/v1/spec/draft', { headers: ifMatch(revision) }));
}

/** What publishing `spec` (default: the saved draft) would change and migrate. */
export async function planPublish(spec?: AppSpec): Promise<PublishPreview> {
  return request<PublishPreview>('POST', '/api/v1/spec/draft/plan', spec ? { spec } : {});
}

export type PublishAnswer = { version: number; unchanged: boolean };

/** Publishes the saved draft at `revision` with the builder's choices for blocking warnings. */
export async function publishDraft(body: {
  revision: number;
  note?: string;
  resolutions: Record<string, Resolution>;
}): Promise<PublishAnswer> {
  const res = await unwrap(
    api.POST('/api/v1/spec/publish', {
      body: { resolutions: body.resolutions, ...(body.note ? { note: body.note } : {}) } as never,
      headers: ifMatch(body.revision),
    }),
  );
  return res as unknown as PublishAnswer;
}

export type VersionInfo = {
  version: number;
  publishedAt: number;
  publishedBy: string | null;
  note: string | null;
};

export type VersionDetail = VersionInfo & {
  spec: AppSpec;
  changes: {
    diff: SpecChange[];
    summary?: { archivedValues: number; convertedValues: number; filledValues: number };
    restoredFrom?: number;
  } | null;
};

export async function listVersions(): Promise<VersionInfo[]> {
  return ((await unwrap(api.GET('/api/v1/spec/versions'))) as { items: VersionInfo[] }).items;
}

export async function fetchVersion(version: number): Promise<VersionDetail> {
  return (await unwrap(
    api.GET('/api/v1/spec/versions/{version}', { params: { path: { version: String(version) } } }),
  )) as unknown as VersionDetail;
}

/** Publishes an earlier version again (a new version), with choices for blocking warnings. */
export async function restoreVersion(
  version: number,
  resolutions: Record<string, Resolution>,
): Promise<PublishAnswer> {
  const res = await unwrap(
    api.POST('/api/v1/spec/versions/{version}/restore', {
      params: { path: { version: String(version) } },
      body: { resolutions } as never,
    }),
  );
  return res as unknown as PublishAnswer;
}

/** validateSpec's problems with `spec` (none when it is valid), from the server, nothing written. */
export async function checkSpec(spec: AppSpec): Promise<SpecProblem[]> {
  try {
    await planPublish(spec);
    return [];
  } catch (err) {
    if (err instanceof ApiError && err.status === 422) return err.errors;
    throw err;
  }
}
