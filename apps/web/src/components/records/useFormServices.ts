import { useMemo } from 'react';
import type { FormServices } from '@trellis/forms';
import { request } from '../../lib/api/client';
import { ApiError, toApiError } from '../../lib/api/problem';
import { currentLocale } from '../../lib/i18n/locale';
import { fetchRecord } from '../../lib/records/api';
import { titleOf } from '../../lib/records/spec-helpers';
import type { RecordData } from '../../lib/records/types';
import { useLiveSpec } from '../../lib/session/useSpec';
import { useUsers } from '../../lib/session/useUsers';

/**
 * What RecordForm asks of the app: relation and user pickers (searched through the API under the
 * user's permissions), the names of ids already stored, and uploads to /api/v1/files.
 */
export function useFormServices(): FormServices {
  const spec = useLiveSpec();
  const users = useUsers();
  return useMemo(() => {
    const option = (entity: string, r: RecordData) => {
      const e = spec.entities.find((x) => x.key === entity);
      return { id: r.id, title: e ? titleOf(e, r) : r.id };
    };
    const people = () => (users.data ?? []).map((u) => ({ id: u.id, title: u.name || u.login }));
    return {
      async searchRecords(entity, q) {
        const search = q ? `&q=${encodeURIComponent(q)}` : '';
        const page = await request<{ items: RecordData[] }>(
          'GET',
          `/api/v1/records/${encodeURIComponent(entity)}?limit=20${search}`,
        );
        return page.items.map((r) => option(entity, r));
      },
      async recordTitles(entity, ids) {
        // A record the user may not read has no title for them; the picker shows its id.
        const found = await Promise.all(ids.map((id) => fetchRecord(entity, id).catch(() => null)));
        return found.filter((r): r is RecordData => r !== null).map((r) => option(entity, r));
      },
      async searchUsers(q) {
        const needle = q.trim().toLowerCase();
        return people().filter((u) => !needle || u.title.toLowerCase().includes(needle));
      },
      async userNames(ids) {
        return people().filter((u) => ids.includes(u.id));
      },
      async upload(file) {
        let res: Response;
        try {
          res = await fetch(`/api/v1/files?name=${encodeURIComponent(file.name)}`, {
            method: 'POST',
            body: file,
            credentials: 'same-origin',
            headers: {
              'accept-language': currentLocale(),
              'content-type': file.type || 'application/octet-stream',
            },
          });
        } catch {
          throw new ApiError({ status: 0, code: 'network' });
        }
        if (!res.ok) throw await toApiError(res);
        return (await res.json()) as { id: string; name: string; size: number; mime: string };
      },
    } satisfies FormServices;
  }, [spec, users.data]);
}
