import { useEffect, useRef, type FocusEvent } from 'react';
import { ColorPicker, Flex, Form, Input, InputNumber, Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntitySpec, PipelineSpec, StageSpec } from '@trellis/spec';
import { ConditionBuilder } from '../../../components/condition-builder/ConditionBuilder';
import { conditionFields } from '../../../lib/condition/fields';
import { useLabel } from '../../../lib/i18n/useLabel';
import { camelKeyFrom } from '../common/keys';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { usePublished } from '../common/usePublished';
import { useSystemLabel } from '../common/useSystemLabel';
import { itemIn, setOptional } from '../draft/find';
import { useDraftSpec, useDraftStore, useEdit, useProblems } from '../draft/useDraft';
import { StageEvidence } from './StageEvidence';
import { StageSla } from './StageSla';

type Props = {
  pipeline: PipelineSpec;
  stage: StageSpec;
  entity: EntitySpec | undefined;
  pointer: string;
  /** The stage's key changed (a new stage's key follows its English name). */
  onKey: (key: string) => void;
};

/**
 * One stage: its name, category (open / won / lost), color and win probability; what a record
 * needs to enter it (fields, a condition, logged activities); where it may move next; its SLA.
 */
export function StageEditor({ pipeline, stage, entity, pointer, onKey }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const systemLabel = useSystemLabel();
  const edit = useEdit();
  const store = useDraftStore();
  // The key edits go to: a rename (when the name is left) takes effect before this editor
  // renders again, and an edit made meanwhile, addressed to the old key, would be dropped.
  const keyNow = useRef(stage.key);
  useEffect(() => {
    keyNow.current = stage.key;
  });
  const spec = useDraftSpec();
  const published = usePublished();
  const problems = useProblems(pointer);
  const at = (prop: string) => problems.filter((p) => p.path.startsWith(`${pointer}/${prop}`));
  const name = label(stage.label, stage.key);
  const set = (prop: keyof StageSpec, value: unknown) =>
    edit(
      t('pipelines.stageChangeStep', { name, what: t(`pipelines.stage.${prop}`) }),
      (s) =>
        setOptional(
          itemIn(itemIn(s.pipelines, pipeline.key).stages, keyNow.current),
          prop,
          value as never,
        ),
      { coalesce: `stage:${pipeline.key}.${keyNow.current}:${prop}` },
    );
  const rekey = (key: string) => {
    const old = keyNow.current;
    edit(t('pipelines.stageChangeStep', { name, what: t('pipelines.stage.key') }), (s) => {
      const p = itemIn(s.pipelines, pipeline.key);
      itemIn(p.stages, old).key = key;
      for (const other of p.stages)
        if (other.transitions)
          other.transitions = other.transitions.map((k) => (k === old ? key : k));
    });
    keyNow.current = key;
    onKey(key);
  };
  const fields = entity ? conditionFields(spec, entity, label, { system: true, systemLabel }) : [];
  const others = pipeline.stages.filter((s) => s.key !== stage.key);
  const locked = published.stage(pipeline.key, stage.key);
  // A new stage's key follows its English name (until it is published), settled when the name is
  // left — as a new field's does: "stage1" meant nothing in links, the API and exports.
  const settleKey = (e: FocusEvent) => {
    if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
    if (locked || !/^stage\d+$/.test(keyNow.current)) return;
    // The name as the draft holds it now (this render may not have seen the last keystroke).
    const p = store.getSnapshot().spec.pipelines?.find((x) => x.key === pipeline.key);
    const now = p?.stages.find((x) => x.key === keyNow.current);
    const en = (now?.label as Record<string, string> | undefined)?.en;
    if (!p || !en) return;
    if (en.replace(/\d+/, '{n}') === t('pipelines.newStage', { lng: 'en', n: '{n}' })) return;
    const taken = p.stages.filter((x) => x !== now).map((x) => x.key);
    const key = camelKeyFrom(en, taken, 'stage');
    if (key !== keyNow.current) rekey(key);
  };
  return (
    <Form layout="vertical">
      <Flex gap="0 16px" wrap>
        <Form.Item label={t('pipelines.stage.label')} required style={{ flex: '1 1 320px' }}>
          <div onBlur={settleKey}>
            <LocaleTextInput
              label={t('pipelines.stage.label')}
              value={stage.label}
              onChange={(v) => set('label', v)}
            />
          </div>
          <ProblemText problems={at('label')} />
        </Form.Item>
        <Form.Item
          label={t('pipelines.stage.key')}
          tooltip={locked ? t('common.keyLocked') : t('pipelines.keyHelp')}
          style={{ flex: '0 1 180px' }}
        >
          <Input
            aria-label={t('pipelines.stage.key')}
            // Shown anew when the key follows the name.
            key={stage.key}
            defaultValue={stage.key}
            disabled={locked}
            onBlur={(e) => {
              const key = e.target.value.trim();
              if (key && key !== stage.key && !others.some((o) => o.key === key)) rekey(key);
            }}
          />
          <ProblemText problems={at('key')} />
        </Form.Item>
      </Flex>
      <Flex gap="0 16px" wrap align="flex-start">
        <Form.Item label={t('pipelines.stage.category')} extra={t('pipelines.categoryHelp')}>
          <Segmented
            aria-label={t('pipelines.stage.category')}
            value={stage.category}
            options={(['open', 'won', 'lost'] as const).map((c) => ({
              value: c,
              label: t(`pipelines.category.${c}`),
            }))}
            onChange={(v) => set('category', v)}
          />
        </Form.Item>
        <Form.Item label={t('pipelines.stage.color')}>
          <ColorPicker
            allowClear
            value={stage.color ?? null}
            onChange={(c) => set('color', c.toHexString())}
            onClear={() => set('color', undefined)}
          />
        </Form.Item>
        <Form.Item
          label={t('pipelines.stage.probability')}
          tooltip={t('pipelines.probabilityHelp')}
        >
          <InputNumber
            aria-label={t('pipelines.stage.probability')}
            min={0}
            max={100}
            suffix="%"
            value={stage.probability ?? null}
            onChange={(v) => set('probability', v ?? undefined)}
          />
        </Form.Item>
      </Flex>
      <Form.Item label={t('pipelines.stage.description')}>
        <LocaleTextInput
          multiline
          label={t('pipelines.stage.description')}
          value={stage.description}
          onChange={(v) => set('description', v)}
        />
      </Form.Item>
      <Form.Item label={t('pipelines.stage.requires')} extra={t('pipelines.requiresHelp')}>
        <Select
          mode="multiple"
          aria-label={t('pipelines.stage.requires')}
          placeholder={t('pipelines.requiresNone')}
          value={stage.requires ?? []}
          options={(entity?.fields ?? []).map((f) => ({
            value: f.key,
            label: label(f.label, f.key),
          }))}
          optionFilterProp="label"
          onChange={(v: string[]) => set('requires', v.length ? v : undefined)}
        />
        <ProblemText problems={at('requires')} />
      </Form.Item>
      <Form.Item label={t('pipelines.stage.enterIf')} extra={t('pipelines.enterIfHelp')}>
        <ConditionBuilder
          value={stage.enterIf}
          fields={fields}
          scope={{ user: true }}
          emptyText={t('pipelines.enterAlways')}
          errors={at('enterIf').map((p) => p.message)}
          onChange={(v) => set('enterIf', v)}
        />
      </Form.Item>
      <Form.Item label={t('pipelines.stage.evidence')} extra={t('pipelines.evidenceHelp')}>
        <StageEvidence
          value={stage.evidence}
          onChange={(v) => set('evidence', v)}
          problems={at('evidence')}
        />
      </Form.Item>
      <Form.Item label={t('pipelines.stage.transitions')} extra={t('pipelines.transitionsHelp')}>
        <Select
          mode="multiple"
          aria-label={t('pipelines.stage.transitions')}
          placeholder={t('pipelines.anyStage')}
          value={stage.transitions ?? []}
          options={others.map((s) => ({ value: s.key, label: label(s.label, s.key) }))}
          optionFilterProp="label"
          onChange={(v: string[]) => set('transitions', v.length ? v : undefined)}
        />
        <ProblemText problems={at('transitions')} />
      </Form.Item>
      <StageSla
        value={stage.sla}
        entity={entity}
        onChange={(v) => set('sla', v)}
        problems={at('sla')}
      />
    </Form>
  );
}
