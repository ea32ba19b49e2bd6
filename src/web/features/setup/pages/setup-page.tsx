import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { PageHeader } from '../../../components/page-header';
import { TextField } from '../../../components/text-field';
import { useSession } from '../../../lib/session-context';
import { useFormErrors } from '../../../lib/use-form-errors';
import { email, isEmpty, newPassword, required, validate } from '../../../lib/validate';
import { completeSetup } from '../api/complete-setup';

const formId = 'setup';

/**
 * First run: name the organization and create the first administrator. Only reachable while the
 * server says the installation needs it; on success the administrator is signed in.
 */
export function SetupPage() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [values, setValues] = useState({ organizationName: '', adminName: '', adminEmail: '', adminPassword: '' });
  const errors = useFormErrors();
  const mutation = useMutation({ mutationFn: completeSetup, onSuccess: signedIn, onError: errors.showError });

  const labels = {
    organizationName: t('setup.organizationName'),
    adminName: t('setup.adminName'),
    adminEmail: t('setup.adminEmail'),
    adminPassword: t('setup.adminPassword'),
  };
  const set = (field: keyof typeof values) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [field]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate(values, {
      organizationName: [required],
      adminName: [required],
      adminEmail: [required, email],
      adminPassword: [newPassword],
    });
    if (!isEmpty(problems)) return errors.showFieldErrors(problems);
    errors.clear();
    mutation.mutate(values);
  };

  return (
    <div className="narrow">
      <PageHeader title={t('setup.title')} lead={t('setup.lead')} />
      <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
      <form className="stack card" onSubmit={submit} noValidate>
        <TextField id={`${formId}-organizationName`} label={labels.organizationName} hint={t('setup.organizationNameHint')} error={errors.fieldErrors.organizationName} value={values.organizationName} onChange={set('organizationName')} required autoComplete="organization" />
        <TextField id={`${formId}-adminName`} label={labels.adminName} error={errors.fieldErrors.adminName} value={values.adminName} onChange={set('adminName')} required autoComplete="name" />
        <TextField id={`${formId}-adminEmail`} label={labels.adminEmail} error={errors.fieldErrors.adminEmail} value={values.adminEmail} onChange={set('adminEmail')} required type="email" autoComplete="username" spellCheck={false} />
        <TextField id={`${formId}-adminPassword`} label={labels.adminPassword} hint={t('common.passwordHint', { min: 12 })} error={errors.fieldErrors.adminPassword} value={values.adminPassword} onChange={set('adminPassword')} required type="password" autoComplete="new-password" minLength={12} />
        <div>
          <Button type="submit" busy={mutation.isPending}>
            {t('setup.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
