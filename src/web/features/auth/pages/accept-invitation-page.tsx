import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { routes } from '../../../app/route-paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { DetailsList } from '../../../components/details-list';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { PageHeader } from '../../../components/page-header';
import { Loading } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { isApiError } from '../../../lib/api';
import { describeError } from '../../../lib/describe-error';
import { useFragmentToken } from '../../../lib/fragment-token';
import { formatDateTime } from '../../../lib/format';
import { useSession } from '../../../lib/session-context';
import { useFormErrors } from '../../../lib/use-form-errors';
import { isEmpty, newPassword, required, validate } from '../../../lib/validate';
import { acceptInvitation } from '../api/accept-invitation';
import { lookupInvitation } from '../api/lookup-invitation';

const formId = 'accept-invitation';

/**
 * Where an invitation link lands (`/invite#token=…`). Shows what the invitation is for, then lets the
 * person choose their name and password; accepting signs them in.
 */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const navigate = useNavigate();
  const { signedIn } = useSession();
  const lookup = useQuery({
    queryKey: ['invitation-lookup', token],
    queryFn: () => lookupInvitation(token ?? ''),
    enabled: token !== null,
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
  const [values, setValues] = useState<{ name: string | null; password: string }>({ name: null, password: '' });
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: acceptInvitation,
    onSuccess: (session) => {
      signedIn(session);
      void navigate(routes.home, { replace: true });
    },
    onError: errors.showError,
  });

  const name = values.name ?? lookup.data?.name ?? '';
  const setField = (field: 'name' | 'password', value: string) => setValues((current) => ({ ...current, [field]: value }));
  const labels = { name: t('auth.invite.name'), password: t('auth.invite.password') };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate({ name, password: values.password }, { name: [required], password: [newPassword] });
    if (!isEmpty(problems)) return errors.showFieldErrors(problems);
    errors.clear();
    if (token) mutation.mutate({ token, name: name.trim(), password: values.password });
  };

  const unusable = token === null || (isApiError(lookup.error) && lookup.error.status < 500);

  return (
    <div className="narrow">
      <PageHeader title={t('auth.invite.title')} />
      {unusable ? (
        <Alert tone="error" title={t('auth.invite.invalidTitle')}>
          <p>{t('auth.invite.invalid')}</p>
          <p>
            <Link to={routes.signIn}>{t('auth.goToSignIn')}</Link>
          </p>
        </Alert>
      ) : lookup.isPending ? (
        <Loading />
      ) : lookup.isError ? (
        <Alert tone="error">{describeError(lookup.error)}</Alert>
      ) : (
        <>
          <p>{t('auth.invite.lead', { organization: lookup.data.organizationName })}</p>
          <DetailsList
            items={[
              { label: t('auth.invite.organization'), value: lookup.data.organizationName },
              { label: t('auth.email'), value: lookup.data.email },
              { label: t('auth.invite.role'), value: t(`roles.${lookup.data.role}`) },
              { label: t('auth.invite.expires'), value: formatDateTime(lookup.data.expiresAt) },
            ]}
          />
          <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
          <form className="stack card" onSubmit={submit} noValidate>
            <input type="email" name="username" autoComplete="username" value={lookup.data.email} readOnly hidden />
            <TextField id={`${formId}-name`} label={labels.name} hint={t('auth.invite.nameHint')} error={errors.fieldErrors.name} value={name} onChange={(event) => setField('name', event.currentTarget.value)} autoComplete="name" required />
            <TextField id={`${formId}-password`} label={labels.password} hint={t('common.passwordHint', { min: 12 })} error={errors.fieldErrors.password} value={values.password} onChange={(event) => setField('password', event.currentTarget.value)} type="password" autoComplete="new-password" minLength={12} required />
            <div>
              <Button type="submit" busy={mutation.isPending}>
                {t('auth.invite.submit')}
              </Button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
