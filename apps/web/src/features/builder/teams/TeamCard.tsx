import { useEffect, useRef, useState, type FocusEvent } from 'react';
import { Card, Flex, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TeamSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { kebabKeyFromName } from '../common/pinyin-key';
import { ProblemText } from '../common/ProblemText';
import { usePublished } from '../common/usePublished';
import { itemIn, setOptional } from '../draft/find';
import { renameTeam } from '../draft/rename-team';
import { useDraftStore, useEdit, useProblems } from '../draft/useDraft';
import { TeamMembers } from './TeamMembers';

const KEY = /^[a-z][a-z0-9-]*$/;
/** The key a team gets when added, before it has a name of its own. */
const NEW_TEAM_KEY = /^team-\d+$/;

type Props = { team: TeamSpec; index: number; teams: TeamSpec[] };

/**
 * One team: its name, its key (which follows the name until published — "team-1" meant nothing
 * in exports and the API), its parent, and — once published — its members.
 */
export function TeamCard({ team, index, teams }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const store = useDraftStore();
  const published = usePublished();
  const problems = useProblems(`/teams/${index}`);
  // Edits go to the key the draft has now: a rename takes effect before this card renders again.
  const keyNow = useRef(team.key);
  useEffect(() => {
    keyNow.current = team.key;
  });
  // The key this card last derived from the name: while the key is still that one (or the new
  // team's "team-N"), it follows the name; a key typed by hand stays.
  const derived = useRef<string | null>(null);
  const [badKey, setBadKey] = useState(false);
  const locked = published.team(team.key);
  const at = (prop: string) => problems.filter((p) => p.path.startsWith(`/teams/${index}/${prop}`));
  const set = (prop: keyof TeamSpec, value: unknown) =>
    edit(
      t('teams.changeStep', { name: label(team.label, team.key) }),
      (s) => setOptional(itemIn(s.teams, keyNow.current), prop, value as never),
      { coalesce: `team:${keyNow.current}:${prop}` },
    );
  const rekey = (key: string) => {
    const old = keyNow.current;
    edit(t('teams.changeStep', { name: label(team.label, team.key) }), (s) =>
      renameTeam(s, old, key),
    );
    keyNow.current = key;
  };
  const taken = () =>
    (store.getSnapshot().spec.teams ?? []).map((x) => x.key).filter((k) => k !== keyNow.current);
  // A new team's key follows its name, settled when the name is left: the English name, or —
  // for a team named only in Chinese — the name's pinyin ("招生组" -> "zhao-sheng-zu").
  const settleKey = async (e: FocusEvent) => {
    if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
    const from = keyNow.current;
    if (locked || !(NEW_TEAM_KEY.test(from) || from === derived.current)) return;
    const now = store.getSnapshot().spec.teams?.find((x) => x.key === from);
    const names = (now?.label ?? {}) as Record<string, string | undefined>;
    const given = (locale: 'en' | 'zh-CN') => {
      const name = names[locale]?.trim();
      return name && name !== t('teams.newTeam', { lng: locale }) ? name : undefined;
    };
    const name = given('en') ?? given('zh-CN');
    if (!name) return;
    const key = await kebabKeyFromName(name, taken(), 'team');
    // The key may have been changed by hand (or undone) while the pinyin was loading.
    if (keyNow.current !== from || key === from) return;
    derived.current = key;
    rekey(key);
  };
  return (
    <>
      <Form layout="vertical">
        <Flex gap="0 16px" wrap>
          <Form.Item label={t('teams.name')} required style={{ flex: '1 1 320px' }}>
            <div onBlur={(e) => void settleKey(e)}>
              <LocaleTextInput
                label={t('teams.name')}
                value={team.label}
                onChange={(v) => set('label', v)}
              />
            </div>
            <ProblemText problems={at('label')} />
          </Form.Item>
          <Form.Item
            label={t('teams.key')}
            tooltip={locked ? t('common.keyLocked') : t('teams.keyHelp')}
            style={{ flex: '0 1 200px' }}
          >
            <Input
              aria-label={t('teams.key')}
              // Shown anew when the key follows the name.
              key={team.key}
              defaultValue={team.key}
              disabled={locked}
              status={badKey ? 'error' : undefined}
              onBlur={(e) => {
                const key = e.target.value.trim();
                const ok = KEY.test(key) && !taken().includes(key);
                setBadKey(!ok);
                if (ok && key !== keyNow.current) {
                  derived.current = null;
                  rekey(key);
                }
              }}
            />
            {badKey ? (
              <Typography.Text type="danger">{t('teams.keyInvalid')}</Typography.Text>
            ) : null}
            <ProblemText problems={at('key')} />
          </Form.Item>
        </Flex>
        <Form.Item label={t('teams.parent')} extra={t('teams.parentHelp')}>
          <Select
            aria-label={t('teams.parent')}
            allowClear
            placeholder={t('teams.noParent')}
            value={team.parent}
            style={{ maxWidth: 280 }}
            options={teams
              .filter((x) => x.key !== team.key)
              .map((x) => ({ value: x.key, label: label(x.label, x.key) }))}
            onChange={(v: string | undefined) => set('parent', v)}
          />
          <ProblemText problems={at('parent')} />
        </Form.Item>
      </Form>
      <Card size="small" type="inner" title={t('teams.members')}>
        {locked ? (
          <TeamMembers teamKey={team.key} />
        ) : (
          <Typography.Text type="secondary">{t('teams.publishFirst')}</Typography.Text>
        )}
      </Card>
    </>
  );
}
