import { ColorPicker, Form, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActivityTypeSpec, QuickReplySpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { KeyedCards } from '../common/KeyedCards';
import { kebabKeyFrom } from '../common/keys';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { itemIn, setOptional } from '../draft/find';
import { useDraftSpec, useEdit, useProblems } from '../draft/useDraft';

/** Kinds of follow-up people log (call, WeChat, visit) and the quick replies offered for them. */
export function ActivitiesSection() {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const spec = useDraftSpec();
  const edit = useEdit();
  const problems = useProblems('');
  const types = spec.activityTypes ?? [];
  const replies = spec.quickReplies ?? [];
  const count = (list: string, i: number) =>
    problems.filter((p) => p.path.startsWith(`/${list}/${i}/`) || p.path === `/${list}/${i}`)
      .length;
  const at = (list: string, i: number, prop: string) =>
    problems.filter((p) => p.path.startsWith(`/${list}/${i}/${prop}`));
  const setType = (key: string, prop: keyof ActivityTypeSpec, value: unknown) =>
    edit(
      t('activities.changeStep'),
      (s) => setOptional(itemIn(s.activityTypes, key), prop, value as never),
      { coalesce: `activity:${key}:${prop}` },
    );
  const setReply = (key: string, prop: keyof QuickReplySpec, value: unknown) =>
    edit(
      t('activities.replyChangeStep'),
      (s) => setOptional(itemIn(s.quickReplies, key), prop, value as never),
      { coalesce: `reply:${key}:${prop}` },
    );
  return (
    <>
      <KeyedCards<ActivityTypeSpec>
        title={t('activities.types')}
        intro={t('activities.typesIntro')}
        items={types}
        name={(a) => label(a.label, a.key)}
        problems={(i) => count('activityTypes', i)}
        addText={t('activities.addType')}
        empty={t('activities.noTypes')}
        onAdd={() =>
          edit(t('activities.addStep'), (s) => {
            const key = kebabKeyFrom(
              '',
              (s.activityTypes ?? []).map((a) => a.key),
              'activity',
            );
            (s.activityTypes ??= []).push({
              key,
              label: {
                'zh-CN': t('activities.newType', { lng: 'zh-CN' }),
                en: t('activities.newType', { lng: 'en' }),
              },
            });
          })
        }
        onMove={(items) => edit(t('activities.moveStep'), (s) => void (s.activityTypes = items))}
        onRemove={(a) =>
          edit(
            t('activities.removeStep'),
            (s) => void (s.activityTypes = (s.activityTypes ?? []).filter((x) => x.key !== a.key)),
          )
        }
        render={(a, i) => (
          <Form layout="vertical">
            <Form.Item label={t('activities.name')} required>
              <LocaleTextInput
                label={t('activities.name')}
                value={a.label}
                onChange={(v) => setType(a.key, 'label', v)}
              />
              <ProblemText problems={at('activityTypes', i, 'label')} />
            </Form.Item>
            <Form.Item
              label={t('activities.countsAsContact')}
              extra={t('activities.countsAsContactHelp')}
            >
              <Switch
                aria-label={t('activities.countsAsContact')}
                checked={a.countsAsContact !== false}
                onChange={(v) => setType(a.key, 'countsAsContact', v ? undefined : false)}
              />
            </Form.Item>
            <Form.Item label={t('activities.color')}>
              <ColorPicker
                allowClear
                value={a.color ?? null}
                onChange={(c) => setType(a.key, 'color', c.toHexString())}
                onClear={() => setType(a.key, 'color', undefined)}
              />
            </Form.Item>
          </Form>
        )}
      />
      <KeyedCards<QuickReplySpec>
        title={t('activities.replies')}
        intro={t('activities.repliesIntro', { token: '{{field}}' })}
        items={replies}
        name={(r) => label(r.label, r.key)}
        problems={(i) => count('quickReplies', i)}
        addText={t('activities.addReply')}
        empty={t('activities.noReplies')}
        onAdd={() =>
          edit(t('activities.addReplyStep'), (s) => {
            const key = kebabKeyFrom(
              '',
              (s.quickReplies ?? []).map((r) => r.key),
              'reply',
            );
            (s.quickReplies ??= []).push({
              key,
              label: {
                'zh-CN': t('activities.newReply', { lng: 'zh-CN' }),
                en: t('activities.newReply', { lng: 'en' }),
              },
              body: {
                'zh-CN': t('activities.newReplyBody', { lng: 'zh-CN', token: '{{name}}' }),
                en: t('activities.newReplyBody', { lng: 'en', token: '{{name}}' }),
              },
            });
          })
        }
        onMove={(items) =>
          edit(t('activities.moveReplyStep'), (s) => void (s.quickReplies = items))
        }
        onRemove={(r) =>
          edit(
            t('activities.removeReplyStep'),
            (s) => void (s.quickReplies = (s.quickReplies ?? []).filter((x) => x.key !== r.key)),
          )
        }
        render={(r, i) => (
          <Form layout="vertical">
            <Form.Item label={t('activities.name')} required>
              <LocaleTextInput
                label={t('activities.name')}
                value={r.label}
                onChange={(v) => setReply(r.key, 'label', v)}
              />
              <ProblemText problems={at('quickReplies', i, 'label')} />
            </Form.Item>
            <Form.Item
              label={t('activities.body')}
              required
              extra={t('activities.bodyHelp', { token: '{{field}}', example: '{{name}}' })}
            >
              <LocaleTextInput
                multiline
                label={t('activities.body')}
                value={r.body}
                onChange={(v) => setReply(r.key, 'body', v)}
              />
              <ProblemText problems={at('quickReplies', i, 'body')} />
            </Form.Item>
            <Form.Item label={t('activities.offeredFor')}>
              <Select
                aria-label={t('activities.offeredFor')}
                allowClear
                placeholder={t('activities.always')}
                value={r.activityType}
                style={{ maxWidth: 280 }}
                options={types.map((a) => ({ value: a.key, label: label(a.label, a.key) }))}
                onChange={(v: string | undefined) => setReply(r.key, 'activityType', v)}
              />
              <ProblemText problems={at('quickReplies', i, 'activityType')} />
            </Form.Item>
          </Form>
        )}
      />
    </>
  );
}
