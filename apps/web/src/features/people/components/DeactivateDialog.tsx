import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Typography,
} from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { LeavePlanTable } from '../../../components/work/LeavePlanTable';
import { ApiError } from '../../../lib/api/problem';
import type { User } from '../../../lib/session/types';
import { useLiveSpec } from '../../../lib/session/useSpec';
import { previewLeave, runLeave, updateUser } from '../api/people';
import { useRefreshPeople, usePeople } from '../hooks';

type Values = { to?: string[]; reason?: string; text?: string };

/**
 * Deactivates a person through the "a rep leaves" flow: their open records are handed over to
 * the people chosen (the preview shows which record goes to whom), then the account is
 * disabled, which ends their sessions and tokens on the server.
 */
export function DeactivateDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation('people');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { users, byId } = usePeople();
  const refresh = useRefreshPeople();
  // The full protocol note (needs, risks, open items) has its own page: a single text is not it.
  const protocol = useLiveSpec().entities.some(
    (e) => e.owned !== false && e.handover?.note === 'protocol',
  );
  const noteAsked = useLiveSpec().entities.some(
    (e) => e.owned !== false && (e.handover?.note ?? 'optional') !== 'none',
  );
  const body = (v: Values) => ({
    to: v.to ?? [],
    ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
    ...(v.text?.trim() ? { note: { text: v.text.trim() } } : {}),
  });
  const preview = useMutation({ mutationFn: (v: Values) => previewLeave(user.id, body(v)) });
  const run = useMutation({
    mutationFn: async () => {
      const plan = preview.data!;
      const handed =
        plan.items.length > 0
          ? (await runLeave(user.id, body(form.getFieldsValue()))).handovers
          : 0;
      await updateUser(user.id, { status: 'disabled' });
      return handed;
    },
    onSuccess: (count) => {
      void refresh();
      message.success(t('leave.done', { name: user.name, count }));
      onClose();
    },
  });
  const error = [preview.error, run.error].find((e) => e instanceof ApiError) as
    ApiError | undefined;
  const at = (field: string) =>
    error
      ?.errorsAt(field)
      .map((e) => e.message)
      .join('；') || undefined;
  // Under the full protocol the note is written on the rep-leaves page: the server's refusal of
  // a missing note turns the pointer there red instead of reading under a field not shown here.
  const protocolMissing = protocol && !!error && error.errorsAt('note').length > 0;
  const unplaced =
    error &&
    !protocolMissing &&
    !['to', 'reason', 'note'].some((f) => error.errorsAt(f).length > 0);
  const name = (id: string) => byId.get(id)?.name ?? id;
  const planWords = {
    record: t('leave.record'),
    newOwner: t('leave.newOwner'),
    perOwner: (who: string, count: number) => t('leave.perOwner', { name: who, count }),
  };
  const plan = preview.data;
  const people = (users.data ?? [])
    .filter((u) => u.id !== user.id && u.status !== 'disabled')
    .map((u) => ({ value: u.id, label: `${u.name} (${u.login})` }));
  const runLabel =
    plan && plan.items.length > 0
      ? t('leave.run', { count: plan.items.length })
      : t('leave.runEmpty');
  return (
    <Modal
      open
      width={640}
      title={t('leave.title', { name: user.name })}
      onCancel={onClose}
      footer={
        <Space wrap>
          <Button onClick={onClose}>{t('leave.cancel')}</Button>
          {plan ? (
            <Popconfirm
              title={t('leave.confirm', { name: user.name })}
              okText={runLabel}
              okButtonProps={{ danger: true }}
              cancelText={t('leave.cancel')}
              onConfirm={() => run.mutate()}
            >
              <Button type="primary" danger loading={run.isPending}>
                {runLabel}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="primary" loading={preview.isPending} onClick={() => form.submit()}>
              {t('leave.preview')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('leave.intro')}</Typography.Paragraph>
      {protocol ? (
        <Alert
          type={protocolMissing ? 'error' : 'info'}
          showIcon
          title={t('leave.protocol')}
          action={<Link to="/handovers/leave">{t('leave.protocolLink')}</Link>}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        aria-label={t('leave.title', { name: user.name })}
        onFinish={(v) => preview.mutate(v)}
        onValuesChange={() => {
          preview.reset();
          run.reset();
        }}
      >
        <Form.Item
          name="to"
          label={t('leave.to')}
          required
          extra={t('leave.toHint')}
          validateStatus={at('to') ? 'error' : undefined}
          help={at('to')}
        >
          <Select mode="multiple" showSearch optionFilterProp="label" options={people} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('leave.reason')}
          validateStatus={at('reason') ? 'error' : undefined}
          help={at('reason')}
        >
          <Input maxLength={1000} placeholder={t('leave.reasonPlaceholder')} />
        </Form.Item>
        {noteAsked && !protocol ? (
          <Form.Item
            name="text"
            label={t('leave.note')}
            validateStatus={at('note') ? 'error' : undefined}
            help={at('note')}
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        ) : null}
      </Form>
      {unplaced ? (
        <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {plan ? (
        plan.items.length === 0 ? (
          <EmptyState description={t('leave.nothing', { name: user.name })} />
        ) : (
          <div aria-label={t('leave.plan', { count: plan.items.length })} role="region">
            <Typography.Text strong>
              {t('leave.plan', { count: plan.items.length })}
            </Typography.Text>
            <div style={{ marginTop: 8 }}>
              <LeavePlanTable words={planWords} plan={plan} name={name} pageSize={8} />
            </div>
          </div>
        )
      ) : null}
    </Modal>
  );
}
