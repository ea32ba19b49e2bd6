/** Staff and client accounts. E-mail is unique across the installation because sign-in is by e-mail. */
export interface UserTable {
  id: string;
  organization_id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  password_hash: string;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  /** The last TOTP time step accepted, so a code cannot be replayed. */
  totp_last_step: number | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A supervisor oversees a clinician's caseload. */
export interface SupervisionAssignmentTable {
  id: string;
  organization_id: string;
  supervisor_id: string;
  clinician_id: string;
  created_at: string;
  created_by: string;
}
