import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AuditAction } from '../../../../contracts/audit.contract';
import { Button } from '../../../components/button';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import type { EntityPicker } from '../../../lib/entity-picker';
import type { FieldErrorMap } from '../../../lib/field-errors';

/** Actions the report can filter on (mirrors the contract's AuditAction). */
export const auditActions: readonly z.infer<typeof AuditAction>[] = [
  'create', 'read', 'update', 'delete', 'query', 'sign', 'export', 'disclose', 'login', 'login-failed',
  'logout', 'timeout', 'denied', 'privilege-change', 'break-glass',
];

/** The report's filters, as typed into the form. */
export interface AuditFilterValues {
  from: string;
  to: string;
  userId: string;
  clientId: string;
  action: string;
}

/** No filter: everything. */
export const noAuditFilters: AuditFilterValues = { from: '', to: '', userId: '', clientId: '', action: '' };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filter form: period, user, client, action. Applied on submit so that typing does not fire queries. */
export function AuditFilters({ initial, onApply, UserPicker, serverErrors }: { initial: AuditFilterValues; onApply: (values: AuditFilterValues) => void; UserPicker?: EntityPicker; serverErrors: FieldErrorMap }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<FieldErrorMap>({});
  const errors = { ...serverErrors, ...problems };
  const set = (field: keyof AuditFilterValues) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: FieldErrorMap = {};
    if (values.clientId.trim() && !uuid.test(values.clientId.trim())) next.clientId = t('audit.filters.clientIdInvalid');
    if (values.from && values.to && values.from > values.to) next.to = t('audit.filters.toBeforeFrom');
    setProblems(next);
    if (Object.keys(next).length === 0) onApply({ ...values, clientId: values.clientId.trim() });
  };

  return (
    <search className="card" aria-label={t('audit.filters.title')}>
      <form className="filters filters--audit" onSubmit={submit} noValidate>
        <TextField id="audit-from" label={t('audit.filters.from')} type="date" value={values.from} onChange={(event) => set('from')(event.currentTarget.value)} error={errors.from} max="9999-12-31" />
        <TextField id="audit-to" label={t('audit.filters.to')} type="date" value={values.to} onChange={(event) => set('to')(event.currentTarget.value)} error={errors.to} max="9999-12-31" />
        {UserPicker ? (
          <UserPicker id="audit-user" label={t('audit.filters.user')} value={values.userId} onChange={set('userId')} emptyLabel={t('audit.filters.anyone')} error={errors.userId} />
        ) : null}
        <TextField id="audit-client" label={t('audit.filters.clientId')} hint={t('audit.filters.clientIdHint')} value={values.clientId} onChange={(event) => set('clientId')(event.currentTarget.value)} error={errors.clientId} autoComplete="off" spellCheck={false} />
        <SelectField id="audit-action" label={t('audit.filters.action')} value={values.action} onChange={(event) => set('action')(event.currentTarget.value)} error={errors.action}>
          <option value="">{t('audit.filters.anyAction')}</option>
          {auditActions.map((action) => (
            <option key={action} value={action}>
              {t(`audit.actions.${action}`)}
            </option>
          ))}
        </SelectField>
        <div className="actions filters__actions">
          <Button type="submit">{t('audit.filters.apply')}</Button>
          <Button
            variant="secondary"
            onClick={() => {
              setValues(noAuditFilters);
              setProblems({});
              onApply(noAuditFilters);
            }}
          >
            {t('audit.filters.clear')}
          </Button>
        </div>
      </form>
    </search>
  );
}
