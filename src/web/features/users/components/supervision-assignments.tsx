import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { SelectField } from '../../../components/select-field';
import { Loading } from '../../../components/spinner';
import { describeError } from '../../../lib/describe-error';
import { createSupervisionAssignment } from '../api/create-supervision-assignment';
import { deleteSupervisionAssignment } from '../api/delete-supervision-assignment';
import { useSupervisionAssignments } from '../api/list-supervision-assignments';
import { useUsers } from '../api/list-users';
import { userKeys } from '../api/user-keys';

/** Who supervises whom: add a supervisor–clinician pair, or end one. Supervisors see their clinicians' caseloads. */
export function SupervisionAssignments() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useUsers();
  const assignments = useSupervisionAssignments();
  const [supervisorId, setSupervisorId] = useState('');
  const [clinicianId, setClinicianId] = useState('');
  const [problems, setProblems] = useState<{ supervisorId?: string; clinicianId?: string }>({});
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: userKeys.assignments });
    void queryClient.invalidateQueries({ queryKey: userKeys.users });
  };
  const create = useMutation({
    mutationFn: () => createSupervisionAssignment({ supervisorId, clinicianId }),
    onSuccess: () => {
      setClinicianId('');
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => deleteSupervisionAssignment(id), onSuccess: refresh });

  if (users.isPending || assignments.isPending) return <Loading />;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  if (assignments.isError) return <ErrorState error={assignments.error} onRetry={() => void assignments.refetch()} />;

  const active = users.data.items.filter((user) => user.status === 'active');
  const supervisors = active.filter((user) => user.role === 'supervisor');
  const clinicians = active.filter((user) => user.role === 'clinician');
  const nameOf = (id: string) => users.data.items.find((user) => user.id === id)?.name ?? t('users.supervision.unknownUser');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = { supervisorId: supervisorId ? undefined : t('validation.choose'), clinicianId: clinicianId ? undefined : t('validation.choose') };
    setProblems(next);
    if (!next.supervisorId && !next.clinicianId) create.mutate();
  };

  return (
    <div className="stack">
      {assignments.data.items.length === 0 ? (
        <EmptyState title={t('users.supervision.empty')} />
      ) : (
        <ul className="item-list" aria-label={t('users.supervision.listLabel')}>
          {assignments.data.items.map((assignment) => (
            <li key={assignment.id} className="item-list__item">
              <span className="item-list__main">{t('users.supervision.pair', { supervisor: nameOf(assignment.supervisorId), clinician: nameOf(assignment.clinicianId) })}</span>
              <Button
                variant="secondary"
                busy={remove.isPending && remove.variables === assignment.id}
                onClick={() => remove.mutate(assignment.id)}
                aria-label={t('users.supervision.removeFor', { supervisor: nameOf(assignment.supervisorId), clinician: nameOf(assignment.clinicianId) })}
              >
                {t('users.supervision.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {remove.isError ? <Alert tone="error">{describeError(remove.error)}</Alert> : null}
      {supervisors.length === 0 || clinicians.length === 0 ? (
        <p className="muted">{t('users.supervision.needPeople')}</p>
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          <h3>{t('users.supervision.addTitle')}</h3>
          {create.isError ? <Alert tone="error">{describeError(create.error)}</Alert> : null}
          <div className="form-row">
            <SelectField id="assign-supervisor" label={t('users.supervision.supervisor')} value={supervisorId} onChange={(event) => setSupervisorId(event.currentTarget.value)} error={problems.supervisorId} required>
              <option value="">{t('users.supervision.choose')}</option>
              {supervisors.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </SelectField>
            <SelectField id="assign-clinician" label={t('users.supervision.clinician')} value={clinicianId} onChange={(event) => setClinicianId(event.currentTarget.value)} error={problems.clinicianId} required>
              <option value="">{t('users.supervision.choose')}</option>
              {clinicians.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </SelectField>
          </div>
          <div>
            <Button type="submit" busy={create.isPending}>
              {t('users.supervision.add')}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
