import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntitySpec } from '@trellis/spec';
import { labelOf } from '../i18n/label';
import { useLocale } from '../i18n/useLocale';
import { useLiveSpec } from '../session/useSpec';
import { useUsers } from '../session/useUsers';
import { useCellFormats } from './cell-formats';
import { columnWidth, formatValue, SYSTEM_TIMES } from './format';
import { pipelineOf } from './spec-helpers';

const DATETIME = { key: 'createdAt', type: 'datetime', label: '' } as never;

/**
 * The labels and cell texts of an entity's fields and system fields in the user's language:
 * `label(key)` for headers, `text(key, value)` for cells.
 */
export function useRecordFormat(entity: EntitySpec) {
  const { t } = useTranslation();
  const locale = useLocale();
  const spec = useLiveSpec();
  const users = useUsers();
  // Phone and region cells read cheaply until their libraries arrive (cell-formats.ts): then
  // `text` changes, and what shows it draws again.
  const cells = useCellFormats(locale === 'en');
  const stages = useMemo(() => pipelineOf(spec, entity.key)?.stages ?? [], [spec, entity.key]);
  const userName = useCallback(
    (id: string) => {
      const u = users.byId.get(id);
      return u ? u.name || u.login : id.slice(0, 8);
    },
    [users.byId],
  );
  const label = useCallback(
    (key: string) => {
      const field = entity.fields.find((f) => f.key === key);
      return field ? labelOf(field.label, locale, key) : t(`system.${key}`, { defaultValue: key });
    },
    [entity, locale, t],
  );
  const text = useCallback(
    (key: string, value: unknown): string => {
      if (value === null || value === undefined || value === '') return '';
      if (key === 'stage') {
        const stage = stages.find((s) => s.key === value);
        return stage ? labelOf(stage.label, locale, String(value)) : String(value);
      }
      if (key === 'ownerId' || key === 'createdBy') return userName(String(value));
      // A team by its name (records and the timeline's owner changes carry its key).
      if (key === 'teamId') {
        const team = (spec.teams ?? []).find((x) => x.key === value);
        return team ? labelOf(team.label, locale, String(value)) : String(value);
      }
      if (SYSTEM_TIMES.has(key)) return formatValue(DATETIME, value, { locale, userName });
      const field = entity.fields.find((f) => f.key === key);
      return formatValue(field, value, { locale, userName, cells });
    },
    [entity, locale, stages, userName, spec.teams, cells],
  );
  const width = useCallback((key: string) => columnWidth(entity, key, locale), [entity, locale]);
  // One object while its parts hold, so a memoised part of a page given it draws only when they change.
  return useMemo(
    () => ({ label, text, width, stages, userName }),
    [label, text, width, stages, userName],
  );
}
