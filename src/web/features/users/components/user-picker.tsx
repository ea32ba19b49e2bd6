import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../components/select-field';
import type { EntityPickerProps } from '../../../lib/entity-picker';
import { useUsers } from '../api/list-users';

/** Choose any staff account of the organization (the audit report's user filter); composed in by app/. */
export function UserPicker({ id, label, value, onChange, emptyLabel, hint, error, required, excludeId }: EntityPickerProps) {
  const { t } = useTranslation();
  const users = useUsers();
  const options = (users.data?.items ?? []).filter((user) => user.id !== excludeId);
  return (
    <SelectField id={id} label={label} hint={hint} error={error} value={value} onChange={(event) => onChange(event.currentTarget.value)} required={required}>
      <option value="">{users.isPending ? t('components.loading') : (emptyLabel ?? '')}</option>
      {options.map((user) => (
        <option key={user.id} value={user.id}>
          {t('users.picker.option', { name: user.name, email: user.email })}
        </option>
      ))}
    </SelectField>
  );
}
