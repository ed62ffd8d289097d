import { Card, Flex, Form, Input, Segmented, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WebhookSourceSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { FieldValuesEditor } from '../common/FieldValuesEditor';
import { KeyedCards } from '../common/KeyedCards';
import { kebabKeyFrom } from '../common/keys';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { itemIn, setOptional } from '../draft/find';
import { useDraftSpec, useEdit, useProblems } from '../draft/useDraft';
import { MappingEditor } from './MappingEditor';
import { SourceHealthView } from './SourceHealthView';
import { useIntakeHealth } from './useIntakeHealth';

/**
 * /builder/intake: webhook sources — outside systems (ad platforms, mini programs) that post
 * leads: how they prove who they are, which payload path fills which field, default values,
 * and each source's live health (last lead, last failure and why). Public forms are shared
 * from their form (Forms → Public link).
 */
export function IntakeSection() {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const problems = useProblems('/webhookSources');
  const health = useIntakeHealth();
  const sources = spec.webhookSources ?? [];
  const set = (key: string, prop: keyof WebhookSourceSpec, value: unknown) =>
    edit(
      t('intake.changeStep', { name: key }),
      (s) => setOptional(itemIn(s.webhookSources, key), prop, value as never),
      { coalesce: `source:${key}:${prop}` },
    );
  const at = (i: number, prop: string) =>
    problems.filter((p) => p.path.startsWith(`/webhookSources/${i}/${prop}`));
  return (
    <KeyedCards<WebhookSourceSpec>
      title={t('intake.title')}
      intro={t('intake.intro')}
      items={sources}
      name={(x) => label(x.label, x.key)}
      problems={(i) => problems.filter((p) => p.path.startsWith(`/webhookSources/${i}`)).length}
      addText={t('intake.add')}
      empty={t('intake.empty')}
      onAdd={() =>
        edit(t('intake.addStep'), (s) => {
          const key = kebabKeyFrom(
            '',
            (s.webhookSources ?? []).map((x) => x.key),
            'source',
          );
          (s.webhookSources ??= []).push({
            key,
            label: {
              'zh-CN': t('intake.newSource', { lng: 'zh-CN' }),
              en: t('intake.newSource', { lng: 'en' }),
            },
            entity: s.entities[0]?.key ?? '',
            auth: { type: 'token', header: 'x-trellis-token' },
            mapping: {},
          });
        })
      }
      onMove={(items) => edit(t('intake.moveStep'), (s) => void (s.webhookSources = items))}
      onRemove={(x) =>
        edit(t('intake.removeStep', { name: label(x.label, x.key) }), (s) => {
          s.webhookSources = (s.webhookSources ?? []).filter((y) => y.key !== x.key);
        })
      }
      render={(source, i) => {
        const entity = spec.entities.find((e) => e.key === source.entity);
        const auth = source.auth;
        return (
          <Form layout="vertical">
            <Flex gap="0 16px" wrap>
              <Form.Item label={t('intake.name')} required style={{ flex: '1 1 300px' }}>
                <LocaleTextInput
                  label={t('intake.name')}
                  value={source.label}
                  onChange={(v) => set(source.key, 'label', v)}
                />
                <ProblemText problems={at(i, 'label')} />
              </Form.Item>
              <Form.Item label={t('intake.entity')} required>
                <Select
                  aria-label={t('intake.entity')}
                  value={source.entity}
                  style={{ minWidth: 180 }}
                  options={spec.entities.map((e) => ({
                    value: e.key,
                    label: label(e.label, e.key),
                  }))}
                  onChange={(v: string) => set(source.key, 'entity', v)}
                />
              </Form.Item>
            </Flex>
            <Form.Item label={t('intake.auth')} extra={t('intake.authHelp')}>
              <Flex gap={8} wrap align="center">
                <Segmented
                  aria-label={t('intake.auth')}
                  value={auth.type}
                  options={[
                    { value: 'token', label: t('intake.token') },
                    { value: 'hmac', label: t('intake.hmac') },
                  ]}
                  onChange={(v) =>
                    set(
                      source.key,
                      'auth',
                      v === 'token'
                        ? { type: 'token', header: 'x-trellis-token' }
                        : { type: 'hmac', header: 'x-signature', algorithm: 'sha256' },
                    )
                  }
                />
                <Input
                  aria-label={t('intake.header')}
                  addonBefore={t('intake.header')}
                  value={auth.header}
                  style={{ width: 280 }}
                  onChange={(e) => set(source.key, 'auth', { ...auth, header: e.target.value })}
                />
                {auth.type === 'hmac' ? (
                  <Select
                    aria-label={t('intake.algorithm')}
                    style={{ width: 110 }}
                    value={auth.algorithm ?? 'sha256'}
                    options={['sha256', 'sha1'].map((a) => ({ value: a, label: a }))}
                    onChange={(v: 'sha256' | 'sha1') =>
                      set(source.key, 'auth', { ...auth, algorithm: v })
                    }
                  />
                ) : null}
              </Flex>
              <ProblemText problems={at(i, 'auth')} />
            </Form.Item>
            <Form.Item label={t('intake.mapping')} extra={t('intake.mappingHelp')} required>
              <MappingEditor
                entity={entity}
                value={source.mapping}
                onChange={(v) => set(source.key, 'mapping', v)}
              />
              <ProblemText problems={at(i, 'mapping')} />
            </Form.Item>
            <Form.Item label={t('forms.share.defaults')}>
              <FieldValuesEditor
                entity={entity}
                value={source.defaults}
                onChange={(v) => set(source.key, 'defaults', Object.keys(v).length ? v : undefined)}
              />
              <ProblemText problems={at(i, 'defaults')} />
            </Form.Item>
            <Flex gap="0 16px" wrap>
              <Form.Item label={t('forms.share.mode')}>
                <Segmented
                  aria-label={t('forms.share.mode')}
                  className="trellis-segmented-wrap"
                  value={source.mode ?? 'merge'}
                  options={(['merge', 'create', 'reject'] as const).map((m) => ({
                    value: m,
                    label: t(`forms.share.modes.${m}`),
                  }))}
                  onChange={(v) => set(source.key, 'mode', v === 'merge' ? undefined : v)}
                />
              </Form.Item>
              <Form.Item
                label={t('forms.share.alertAfter')}
                tooltip={t('forms.share.alertAfterHelp')}
              >
                <Input
                  aria-label={t('forms.share.alertAfter')}
                  placeholder="1d"
                  style={{ width: 120 }}
                  value={source.alertAfter ?? ''}
                  onChange={(e) =>
                    set(source.key, 'alertAfter', e.target.value.trim() || undefined)
                  }
                />
                <ProblemText problems={at(i, 'alertAfter')} />
              </Form.Item>
            </Flex>
            <Card size="small" type="inner" title={t('intake.health')}>
              {health.isError ? (
                <Typography.Text type="secondary">{t('intake.healthUnavailable')}</Typography.Text>
              ) : (
                <SourceHealthView
                  header={auth.header}
                  source={health.data?.items.find(
                    (x) => x.kind === 'webhook' && x.key === source.key,
                  )}
                />
              )}
            </Card>
          </Form>
        );
      }}
    />
  );
}
