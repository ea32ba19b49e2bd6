/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored here. */
export interface AuthSessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  organization_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  absolute_expires_at: string;
  ended_at: string | null;
  end_reason: string | null;
  source_ip: string | null;
}

/** Invitations and password-reset links: single use, time-limited, stored as a hash. */
export interface OneTimeTokenTable {
  id: string;
  organization_id: string;
  kind: string;
  token_hash: string;
  email: string;
  role: string | null;
  name: string | null;
  user_id: string | null;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

/** Fixed-window counters for sign-in attempts, shared by every server instance. */
export interface LoginThrottleTable {
  key: string;
  window_start: string;
  attempts: number;
}
