import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { useIdempotencyKey } from '../../../lib/idempotency-key';
import { useFormErrors } from '../../../lib/use-form-errors';
import { email, isEmpty, required, validate } from '../../../lib/validate';
import { createInvitation } from '../api/create-invitation';
import { userKeys } from '../api/user-keys';
import { IssuedLink } from './issued-link';
import type { StaffRole } from './role-options';
import { RoleOptions } from './role-options';

const formId = 'invite';

/** Invite a colleague by e-mail and role; the resulting link is shown once, to copy and pass on. */
export function InviteForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<{ email: string; role: StaffRole; name: string }>({ email: '', role: 'clinician', name: '' });
  const idempotency = useIdempotencyKey();
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: () => createInvitation({ email: values.email.trim(), role: values.role, ...(values.name.trim() ? { name: values.name.trim() } : {}) }, idempotency.key()),
    onSuccess: () => {
      idempotency.renew();
      void queryClient.invalidateQueries({ queryKey: userKeys.invitations });
    },
    onError: errors.showError,
  });
  const labels = { email: t('users.invite.email'), role: t('users.invite.role'), name: t('users.invite.name') };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate(values, { email: [required, email] });
    if (!isEmpty(problems)) return errors.showFieldErrors(problems);
    errors.clear();
    mutation.mutate();
  };

  if (mutation.data) {
    const invitation = mutation.data;
    return (
      <div className="stack">
        <IssuedLink
          id="invitation-link"
          label={t('users.invite.linkLabel', { email: invitation.email })}
          link={invitation.link}
          expiresAt={invitation.expiresAt}
          explanation={t('users.invite.linkExplanation', { email: invitation.email, role: t(`roles.${invitation.role}`) })}
        />
        <div>
          <Button
            variant="secondary"
            onClick={() => {
              mutation.reset();
              setValues({ email: '', role: 'clinician', name: '' });
            }}
          >
            {t('users.invite.another')}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="stack">
      <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
      <form className="stack" onSubmit={submit} noValidate>
        <TextField id={`${formId}-email`} label={labels.email} error={errors.fieldErrors.email} value={values.email} onChange={(event) => setValues({ ...values, email: event.currentTarget.value })} type="email" autoComplete="off" spellCheck={false} required />
        <TextField id={`${formId}-name`} label={labels.name} hint={t('users.invite.nameHint')} error={errors.fieldErrors.name} value={values.name} onChange={(event) => setValues({ ...values, name: event.currentTarget.value })} autoComplete="off" optional />
        <SelectField id={`${formId}-role`} label={labels.role} hint={t('users.invite.roleHint')} error={errors.fieldErrors.role} value={values.role} onChange={(event) => setValues({ ...values, role: event.currentTarget.value as StaffRole })}>
          <RoleOptions />
        </SelectField>
        <div>
          <Button type="submit" busy={mutation.isPending}>
            {t('users.invite.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
