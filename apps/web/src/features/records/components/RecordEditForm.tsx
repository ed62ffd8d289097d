import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { RecordForm } from '@trellis/forms';
import { FormGate } from '../../../components/records/FormGate';
import { entityFormProps } from '../../../components/records/entity-form';
import { formErrors, useFormRights } from '../../../components/records/form-rights';
import { useFormServices } from '../../../components/records/useFormServices';
import { ApiError } from '../../../lib/api/problem';
import { useLocale } from '../../../lib/i18n/useLocale';
import { updateRecord } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import type { RecordData } from '../../../lib/records/types';
import { entityOf, useLiveSpec } from '../../../lib/session/useSpec';

type Props = { entity: string; record: RecordData; onDone: () => void };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The record's form once its entity's validator is in (the page's code does not wait for it). */
export function RecordEditor(props: Props) {
  return (
    <FormGate entity={props.entity}>
      <RecordEditForm {...props} />
    </FormGate>
  );
}

/**
 * The record's form for editing. Only the entity's fields the user changed are sent, with the
 * version the form opened on: when someone else saved since (the page's copy updates live), the
 * server's conflict (409) is shown above the button, the input stays and nothing is overwritten.
 */
function RecordEditForm({ entity, record, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const spec = useLiveSpec();
  const locale = useLocale();
  const services = useFormServices();
  const rights = useFormRights(entity);
  const client = useQueryClient();
  // The record as the form opened on it: what "changed" means and the version the save is for.
  const [opened] = useState(record);
  // Formulas are the server's to compute: never sent, even when the form recomputed one.
  const fieldKeys = new Set(
    (entityOf(spec, entity)?.fields ?? []).filter((f) => f.type !== 'formula').map((f) => f.key),
  );
  return (
    <RecordForm
      spec={spec}
      {...entityFormProps(spec, entity)}
      locale={locale}
      services={services}
      current={opened}
      initialValues={opened}
      hidden={rights.hidden}
      readOnlyFields={rights.readOnly}
      user={rights.user}
      submitLabel={t('common.save')}
      ariaLabel={t('records.editTitle')}
      footer={
        // Apart from Save beside it: with no padding the two read "SaveCancel".
        <Button
          type="link"
          onClick={onDone}
          style={{ paddingInline: 0, marginTop: 8, marginInlineStart: 16 }}
        >
          {t('common.cancel')}
        </Button>
      }
      onSubmit={async (values) => {
        const changed = Object.fromEntries(
          Object.entries(values).filter(([k, v]) => fieldKeys.has(k) && !same(v, opened[k])),
        );
        if (Object.keys(changed).length === 0) {
          onDone();
          return undefined;
        }
        try {
          const saved = await updateRecord(entity, opened.id, opened.version, changed);
          client.setQueryData(recordKeys.detail(entity, opened.id), saved);
          void client.invalidateQueries({ queryKey: recordKeys.timeline(entity, opened.id) });
          void client.invalidateQueries({ queryKey: recordKeys.lists() });
          message.success(t('records.saved'));
          onDone();
          return undefined;
        } catch (err) {
          if (err instanceof ApiError) return { errors: formErrors(err) };
          throw err;
        }
      }}
    />
  );
}
