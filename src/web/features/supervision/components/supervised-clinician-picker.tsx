import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../components/select-field';
import type { EntityPickerProps } from '../../../lib/entity-picker';
import { useSupervisedClinicians } from '../api/list-supervised-clinicians';

/**
 * Choose one of the clinicians the signed-in supervisor supervises (caseload filter, new client,
 * transfer). Given to the clients feature by app/, which composes features.
 */
export function SupervisedClinicianPicker({ id, label, value, onChange, emptyLabel, hint, error, required, excludeId }: EntityPickerProps) {
  const { t } = useTranslation();
  const clinicians = useSupervisedClinicians();
  const options = (clinicians.data?.items ?? []).filter((clinician) => clinician.id !== excludeId);
  return (
    <SelectField
      id={id}
      label={label}
      hint={clinicians.isError ? t('supervision.pickerFailed') : hint}
      error={error}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      required={required}
      aria-busy={clinicians.isPending || undefined}
    >
      <option value="">{clinicians.isPending ? t('components.loading') : (emptyLabel ?? '')}</option>
      {options.map((clinician) => (
        <option key={clinician.id} value={clinician.id}>
          {clinician.name}
        </option>
      ))}
    </SelectField>
  );
}
