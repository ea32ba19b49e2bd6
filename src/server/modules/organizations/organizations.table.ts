/** An organization (a clinic or programme); every other row belongs to one. */
export interface OrganizationTable {
  id: string;
  name: string;
  require_mfa: number;
  /** Organization settings as JSON text (validated by zod when read). */
  settings_json: string;
  created_at: string;
  updated_at: string;
  version: number;
}
