import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { LeavePlanTable } from '../../../components/work/LeavePlanTable';
import { ApiError } from '../../../lib/api/problem';
import { recordKeys } from '../../../lib/records/keys';
import { useLiveSpec } from '../../../lib/session/useSpec';
import { useUsers } from '../../../lib/session/useUsers';
import { ownershipKeys, previewLeave, runLeave, type LeavePlan } from '../api/ownership';
import { NoteFields } from './NoteFields';
import { strictestRule, toNote } from './note-policy';

type Values = {
  from?: string;
  to?: string[];
  reason?: string;
  needs?: string[];
  risks?: string[];
  open?: string[];
  text?: string;
};

/**
 * `/handovers/leave` (managers, `reassign`): a rep leaves — their open records dealt round robin
 * to one or several reps. The plan shows who gets which record; running it does exactly that.
 */
export function RepLeavesPage() {
  const { t } = useTranslation('ownership');
  const { message } = App.useApp();
  const users = useUsers();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const from = Form.useWatch('from', form);
  const [done, setDone] = useState<number | null>(null);
  // One note goes with every record of the plan: it asks what the strictest entity asks.
  const rule = strictestRule(useLiveSpec().entities);
  const body = (v: Values) => {
    const note = toNote(v);
    return {
      to: v.to ?? [],
      ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      ...(note ? { note } : {}),
    };
  };
  const preview = useMutation({
    mutationFn: (v: Values) => previewLeave(v.from ?? '-', body(v)),
    onMutate: () => setDone(null),
  });
  const run = useMutation({
    mutationFn: () => runLeave(form.getFieldValue('from') as string, body(form.getFieldsValue())),
    onSuccess: (r) => {
      setDone(r.handovers);
      preview.reset();
      void client.invalidateQueries({ queryKey: recordKeys.all });
      void client.invalidateQueries({ queryKey: ownershipKeys.all });
      message.success(t('leave.done', { count: r.handovers }));
    },
  });
  const error = [preview.error, run.error].find((e) => e instanceof ApiError) as
    ApiError | undefined;
  const at = (field: string) =>
    error
      ?.errorsAt(field)
      .map((e) => e.message)
      .join('；') || undefined;
  const atPath = (path: string) =>
    error?.errors
      .filter((e) => e.path === path)
      .map((e) => e.message)
      .join('；') || undefined;
  const name = (id: string) => users.byId.get(id)?.name || users.byId.get(id)?.login || id;
  const planWords = {
    record: t('leave.record'),
    newOwner: t('leave.newOwner'),
    perOwner: (who: string, count: number) => t('leave.perOwner', { name: who, count }),
  };
  const people = (users.data ?? []).map((u) => ({ value: u.id, label: u.name || u.login }));
  const plan: LeavePlan | undefined = preview.data;
  return (
    <div>
      <div className="trellis-page-title">
        <Typography.Title level={3}>{t('leave.title')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('leave.intro')}</Typography.Paragraph>
      <Card size="small">
        <Form
          form={form}
          layout="vertical"
          aria-label={t('leave.title')}
          onFinish={(v) => preview.mutate(v)}
          onValuesChange={() => {
            preview.reset();
            run.reset();
          }}
          style={{ maxWidth: 560 }}
        >
          <Form.Item
            name="from"
            label={t('leave.from')}
            // Checked here, under the field: the request names who leaves in its address, and
            // without them it was refused for the takers alone, the empty field unmarked.
            rules={[{ required: true, message: t('leave.fromRequired') }]}
            validateStatus={at('from') ? 'error' : undefined}
            help={at('from')}
          >
            <Select showSearch optionFilterProp="label" options={people} />
          </Form.Item>
          <Form.Item
            name="to"
            label={t('leave.to')}
            rules={[{ required: true, message: t('leave.toRequired') }]}
            extra={t('leave.toHint')}
            validateStatus={at('to') ? 'error' : undefined}
            help={at('to')}
          >
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={people.filter((p) => p.value !== from)}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('handover.reason')}>
            <Input maxLength={1000} placeholder={t('leave.reasonPlaceholder')} />
          </Form.Item>
          <NoteFields rule={rule} errorAt={atPath} />
          {error && error.errors.length === 0 ? (
            <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} />
          ) : null}
          <Button type="primary" htmlType="submit" loading={preview.isPending}>
            {t('leave.preview')}
          </Button>
        </Form>
      </Card>
      {done !== null ? (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          message={t('leave.done', { count: done })}
        />
      ) : null}
      {plan ? (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={t('leave.plan', { count: plan.items.length, name: name(plan.from) })}
          extra={
            plan.items.length > 0 ? (
              <Popconfirm
                title={t('leave.confirm', { count: plan.items.length })}
                okText={t('leave.run')}
                cancelText={t('common.cancel')}
                onConfirm={() => run.mutate()}
              >
                <Button type="primary" danger loading={run.isPending}>
                  {t('leave.run')}
                </Button>
              </Popconfirm>
            ) : null
          }
        >
          {plan.items.length === 0 ? (
            <EmptyState description={t('leave.nothing')} />
          ) : (
            <LeavePlanTable words={planWords} plan={plan} name={name} pageSize={20} />
          )}
        </Card>
      ) : null}
    </div>
  );
}
