import type { Config } from '../server/config';
import { loadConfig } from '../server/config';
import { openDatabase, type OpenedDatabase } from '../server/db/create-db';
import { migrateToLatest } from '../server/db/migrator';
import { systemClock } from '../server/lib/clock';
import type { RequestContext } from '../server/lib/context';
import { newId } from '../server/lib/clock';
import { createMailer } from '../server/lib/mailer';
import { defaultNotifiers } from '../server/lib/notifier';

/** An error the CLI prints as one line before exiting non-zero. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

export interface CliSession {
  config: Config;
  opened: OpenedDatabase;
  close(): Promise<void>;
}

/** Opens the configured database (migrated) for one command. */
export async function openCliSession(env: Record<string, string | undefined> = process.env): Promise<CliSession> {
  const config = loadConfig(env);
  const opened = await openDatabase(config);
  await migrateToLatest(opened.db);
  return { config, opened, close: () => opened.close() };
}

/**
 * The operator at the command line acts as an administrator of one organization; the audit trail
 * records the actor as `cli` so these actions are told apart from those of a signed-in person.
 */
export function cliContext(session: CliSession, organizationId: string | null): RequestContext {
  const mailer = createMailer({ smtpUrl: session.config.smtpUrl, from: session.config.smtpFrom }, undefined, (m) => console.error(m));
  return {
    config: session.config, db: session.opened.db, dialect: session.opened.dialect, clock: systemClock,
    mailer, notifiers: defaultNotifiers(mailer),
    actor: organizationId ? { userId: 'cli', organizationId, role: 'admin', supervisedClinicianIds: [] } : null,
    session: null, requestId: `cli-${newId()}`, sourceIp: null,
  };
}

/** The organization a command acts on: the only one, or the one named by --organization-id. */
export async function resolveOrganization(session: CliSession, organizationId?: string): Promise<{ id: string; name: string }> {
  const orgs = await session.opened.db.selectFrom('organization').select(['id', 'name']).orderBy('created_at').execute();
  if (organizationId) {
    const found = orgs.find((o) => o.id === organizationId);
    if (!found) throw new CliError(`No organization with id ${organizationId}.`);
    return found;
  }
  if (orgs.length === 0) throw new CliError('No organization yet: run `npm run ipt -- setup …` first.');
  if (orgs.length > 1) throw new CliError(`There are ${orgs.length} organizations; name one with --organization-id (${orgs.map((o) => `${o.id} ${o.name}`).join(', ')}).`);
  return orgs[0]!;
}
