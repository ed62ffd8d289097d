import { fieldError, pointer, type FieldError } from '../i18n/errors';
import type { Locale, RecordData } from '../ports';
import { fieldLabel } from '@trellis/rules';
import type { Call } from './call';

const SYSTEM_LABELS: Record<'ownerId' | 'teamId', Record<Locale, string>> = {
  ownerId: { 'zh-CN': '负责人', en: 'Owner' },
  teamId: { 'zh-CN': '团队', en: 'Team' },
};

/**
 * Owner, team and `user`-field values that name nobody: each user id must be a user of the
 * users table who is not disabled (an away user may still own records), each team a team of the
 * teams table. Only `fields` (the ones being written) are checked, so records whose owner was
 * disabled later stay editable until someone reassigns them. A login is accepted for a user id
 * (imports and demo data name people by login) and replaced by the id in `record`.
 */
export async function peopleErrors(
  call: Call,
  record: RecordData,
  fields: Iterable<string>,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const key of new Set(fields)) {
    const value = record[key];
    if (value === null || value === undefined) continue;
    if (key === 'teamId') {
      if (!(await teamExists(call, value)))
        errors.push(problem(call, key, 'team_not_found', 'teamMissing', value));
      continue;
    }
    if (key !== 'ownerId' && call.model.fields.get(key)?.type !== 'user') continue;
    const user = await findUser(call, value);
    const status = user?.status ?? null;
    if (user) record[key] = user.id;
    if (status === null) errors.push(problem(call, key, 'user_not_found', 'userMissing', value));
    else if (status === 'disabled')
      errors.push(problem(call, key, 'user_disabled', 'userDisabled', value));
  }
  return errors;
}

function problem(
  call: Call,
  key: string,
  code: string,
  message: 'teamMissing' | 'userMissing' | 'userDisabled',
  value: unknown,
): FieldError {
  const label =
    key === 'ownerId' || key === 'teamId'
      ? SYSTEM_LABELS[key][call.locale]
      : fieldLabel(call.model.fields.get(key), key, call.locale);
  return fieldError(call.locale, pointer(key), code, message, { label, id: String(value) });
}

async function findUser(call: Call, ref: unknown): Promise<{ id: string; status: string } | null> {
  if (typeof ref !== 'string') return null;
  return call.db.users.byRef(ref);
}

async function teamExists(call: Call, key: unknown): Promise<boolean> {
  return typeof key === 'string' && (await call.db.teams.exists(key));
}
