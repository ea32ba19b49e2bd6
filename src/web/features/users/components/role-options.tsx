import { useTranslation } from 'react-i18next';

/** Roles an administrator can give to a staff account, in order of least privilege. */
export const staffRoles = ['clinician', 'supervisor', 'admin'] as const;
/** A staff role. */
export type StaffRole = (typeof staffRoles)[number];

/** The <option>s of a staff role select. */
export function RoleOptions() {
  const { t } = useTranslation();
  return (
    <>
      {staffRoles.map((role) => (
        <option key={role} value={role}>
          {t(`roles.${role}`)}
        </option>
      ))}
    </>
  );
}
