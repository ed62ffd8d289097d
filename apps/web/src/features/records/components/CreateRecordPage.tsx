import { Card, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { RecordForm } from '@trellis/forms';
import { ErrorState } from '../../../components/feedback/ErrorState';
import { FormGate } from '../../../components/records/FormGate';
import { entityFormProps } from '../../../components/records/entity-form';
import { formErrors, useFormRights } from '../../../components/records/form-rights';
import { useFormServices } from '../../../components/records/useFormServices';
import { ApiError } from '../../../lib/api/problem';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useLocale } from '../../../lib/i18n/useLocale';
import { createRecord } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import { useSignedIn } from '../../../lib/session/useMe';
import { entityOf, useLiveSpec } from '../../../lib/session/useSpec';

/**
 * `/records/:entity/new`: the entity's form (RecordForm) checked as the user types, with a local
 * draft; the server's refusals land on their fields; the new record opens when it is saved.
 */
export function CreateRecordPage() {
  const { entity: entityKey = '' } = useParams();
  const spec = useLiveSpec();
  const me = useSignedIn();
  const entity = entityOf(spec, entityKey);
  if (!entity || !me.entities[entityKey]?.create)
    return <ErrorState error={new ApiError({ status: 404 })} />;
  return (
    <FormGate entity={entityKey}>
      <CreateForm key={entityKey} entityKey={entityKey} />
    </FormGate>
  );
}

function CreateForm({ entityKey }: { entityKey: string }) {
  const { t } = useTranslation();
  const spec = useLiveSpec();
  const locale = useLocale();
  const label = useLabel();
  const navigate = useNavigate();
  const client = useQueryClient();
  const services = useFormServices();
  const rights = useFormRights(entityKey);
  const entity = entityOf(spec, entityKey)!;
  const name = label(entity.label, entity.key);
  return (
    <div className="trellis-form-page">
      <div className="trellis-page-title">
        <div>
          <Link to={`/records/${entityKey}`}>
            <Typography.Text type="secondary">
              {label(entity.pluralLabel ?? entity.label, entity.key)}
            </Typography.Text>
          </Link>
          <Typography.Title level={3}>{t('records.newTitle', { entity: name })}</Typography.Title>
        </div>
      </div>
      <Card>
        <RecordForm
          spec={spec}
          {...entityFormProps(spec, entityKey)}
          locale={locale}
          services={services}
          hidden={rights.hidden}
          readOnlyFields={rights.readOnly}
          user={rights.user}
          submitLabel={t('common.create')}
          ariaLabel={t('records.newTitle', { entity: name })}
          draftKey={`trellis:new:${entityKey}`}
          onSubmit={async (values) => {
            try {
              const created = await createRecord(entityKey, values);
              void client.invalidateQueries({ queryKey: recordKeys.lists() });
              client.setQueryData(recordKeys.detail(entityKey, created.id), created);
              void navigate(`/records/${entityKey}/${created.id}`);
              return undefined;
            } catch (err) {
              if (err instanceof ApiError) return { errors: formErrors(err) };
              throw err;
            }
          }}
        />
      </Card>
    </div>
  );
}
