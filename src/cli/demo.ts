import { randomBytes } from 'node:crypto';
import { audit } from '../server/lib/audit';
import { isoNow, newId } from '../server/lib/clock';
import { inTransaction } from '../server/lib/transaction';
import { hashPassword } from '../server/modules/auth/passwords';
import { searchTextOf } from '../server/modules/clients/clients.repository';
import type { ClientTable } from '../server/modules/clients/clients.table';
import { insertOrganization } from '../server/modules/organizations/organizations.repository';
import { findUserByEmail, insertUser, type UserRow } from '../server/modules/users/users.repository';
import { CliError, cliContext, type CliSession } from './cli-context';

export interface DemoAccount {
  role: string;
  name: string;
  email: string;
  password: string;
}

/** Made-up people only: the `.invalid` domain can never receive mail (RFC 2606). */
const DEMO_STAFF = [
  { role: 'admin', name: 'Demo Administrator', email: 'admin@demo.invalid' },
  { role: 'supervisor', name: 'Demo Supervisor Sam', email: 'supervisor@demo.invalid' },
  { role: 'clinician', name: 'Demo Counsellor Casey', email: 'casey@demo.invalid' },
  { role: 'clinician', name: 'Demo Counsellor Jordan', email: 'jordan@demo.invalid' },
] as const;

const DEMO_CLIENTS = [
  { name: 'Fictional Client Amara', dob: '1988-03-14', identifier: 'DEMO-001', clinician: 2 },
  { name: 'Fictional Client Ben', dob: '1975-11-02', identifier: 'DEMO-002', clinician: 2 },
  { name: 'Fictional Client Chidi', dob: '1999-07-21', identifier: 'DEMO-003', clinician: 2 },
  { name: 'Fictional Client Dana', dob: '1964-01-30', identifier: 'DEMO-004', clinician: 3 },
  { name: 'Fictional Client Esi', dob: '2001-09-09', identifier: 'DEMO-005', clinician: 3 },
] as const;

function demoPassword(): string {
  return `demo-${randomBytes(9).toString('base64url')}`;
}

/**
 * A clearly fictional demo organization with an administrator, a supervisor, two counsellors and
 * five clients, for trying the app. Refuses to run twice (the demo e-mails would clash).
 */
export async function createDemo(session: CliSession): Promise<{ organizationName: string; accounts: DemoAccount[] }> {
  const db = session.opened.db;
  if (await findUserByEmail(db, DEMO_STAFF[0].email)) throw new CliError('The demo organization already exists (admin@demo.invalid). Use a fresh IPT_DATA_DIR for a new demo.', 2);
  const now = new Date().toISOString();
  const organization = { id: newId(), name: 'Demo Clinic (fictional)', require_mfa: 0, settings_json: '{}', created_at: now, updated_at: now, version: 1 };
  const accounts: DemoAccount[] = [];
  const users: UserRow[] = [];
  for (const staff of DEMO_STAFF) {
    const password = demoPassword();
    accounts.push({ ...staff, password });
    users.push({
      id: newId(), organization_id: organization.id, email: staff.email, name: staff.name, role: staff.role, status: 'active', password_hash: await hashPassword(password),
      totp_secret: null, totp_pending_secret: null, totp_last_step: null, last_login_at: null, created_at: now, updated_at: now, version: 1,
    });
  }
  const ctx = cliContext(session, organization.id);
  await inTransaction(ctx, async (tx) => {
    await insertOrganization(tx, organization);
    for (const user of users) await insertUser(tx, user);
    await tx.insertInto('supervision_assignment').values([2, 3].map((i) => ({
      id: newId(), organization_id: organization.id, supervisor_id: users[1]!.id, clinician_id: users[i]!.id, created_at: now, created_by: 'cli',
    }))).execute();
    await audit(tx, ctx, { action: 'create', entityType: 'organization', entityId: organization.id, reason: 'demo data' });
    for (const c of DEMO_CLIENTS) {
      const row: ClientTable = {
        id: newId(), organization_id: organization.id, display_name: c.name, preferred_name: null, search_text: '', date_of_birth: c.dob, pronouns: null, language: 'en',
        identifier: c.identifier, phone: null, email: null, address: null, emergency_contact_name: null, emergency_contact_phone: null, emergency_contact_relationship: null,
        clinician_id: users[c.clinician]!.id, status: 'active', archived_at: null, archive_reason: null, archived_by: null, created_at: isoNow(ctx.clock), updated_at: isoNow(ctx.clock), version: 1,
      };
      row.search_text = searchTextOf(row);
      await tx.insertInto('client').values(row).execute();
      await audit(tx, ctx, { action: 'create', entityType: 'client', entityId: row.id, clientId: row.id, reason: 'demo data' });
    }
  });
  return { organizationName: organization.name, accounts };
}
