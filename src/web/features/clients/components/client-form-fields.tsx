import { useTranslation } from 'react-i18next';
import { TextArea } from '../../../components/text-area';
import { TextField } from '../../../components/text-field';
import type { FieldErrorMap } from '../../../lib/field-errors';
import type { ClientFormField, ClientFormValues } from './client-form-values';

/** Visible labels of the client fields, for the inputs and the error summary. */
export function useClientFieldLabels(): Record<ClientFormField, string> {
  const { t } = useTranslation();
  return {
    displayName: t('clients.fields.displayName'),
    preferredName: t('clients.fields.preferredName'),
    dateOfBirth: t('clients.fields.dateOfBirth'),
    pronouns: t('clients.fields.pronouns'),
    language: t('clients.fields.language'),
    identifier: t('clients.fields.identifier'),
    phone: t('clients.fields.phone'),
    email: t('clients.fields.email'),
    address: t('clients.fields.address'),
    emergencyContactName: t('clients.fields.emergencyContactName'),
    emergencyContactPhone: t('clients.fields.emergencyContactPhone'),
    emergencyContactRelationship: t('clients.fields.emergencyContactRelationship'),
  };
}

/** The fields of a client record in three groups, shared by "new client" and "edit". */
export function ClientFormFields({
  formId,
  values,
  errors,
  onChange,
}: {
  formId: string;
  values: ClientFormValues;
  errors: FieldErrorMap;
  onChange: (field: ClientFormField, value: string) => void;
}) {
  const { t } = useTranslation();
  const labels = useClientFieldLabels();
  const common = (field: ClientFormField) => ({
    id: `${formId}-${field}`,
    name: field,
    label: labels[field],
    error: errors[field],
    value: values[field],
    onChange: (event: { currentTarget: { value: string } }) => onChange(field, event.currentTarget.value),
  });
  return (
    <>
      <fieldset className="fieldset">
        <legend>{t('clients.form.about')}</legend>
        <TextField {...common('displayName')} hint={t('clients.fields.displayNameHint')} required autoComplete="off" />
        <TextField {...common('preferredName')} optional autoComplete="off" />
        <TextField {...common('dateOfBirth')} type="date" required hint={t('clients.fields.dateOfBirthHint')} className="field--short" max="9999-12-31" />
        <TextField {...common('pronouns')} optional autoComplete="off" className="field--short" />
        <TextField {...common('language')} optional hint={t('clients.fields.languageHint')} autoComplete="off" className="field--short" />
        <TextField {...common('identifier')} optional hint={t('clients.fields.identifierHint')} autoComplete="off" spellCheck={false} />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('clients.form.contact')}</legend>
        <TextField {...common('phone')} optional type="tel" autoComplete="off" />
        <TextField {...common('email')} optional type="email" autoComplete="off" spellCheck={false} />
        <TextArea {...common('address')} optional autoComplete="off" />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('clients.form.emergency')}</legend>
        <TextField {...common('emergencyContactName')} optional autoComplete="off" />
        <TextField {...common('emergencyContactPhone')} optional type="tel" autoComplete="off" />
        <TextField {...common('emergencyContactRelationship')} optional autoComplete="off" />
      </fieldset>
    </>
  );
}
