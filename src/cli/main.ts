import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { z } from 'zod';
import { Email, NewPassword, StaffRole, text } from '../contracts/common';
import { ConfigError } from '../server/config';
import { DatabaseUnavailableError } from '../server/db/create-db';
import { isDomainError } from '../domain/errors';
import { breakPlace, verifyAuditChains } from '../server/modules/audit/audit-verify';
import { setupInstallation } from '../server/modules/auth/auth.service';
import { checkNewPassword, hashPassword } from '../server/modules/auth/passwords';
import { findUserByEmail } from '../server/modules/users/users.repository';
import { createUserDirect, issueResetLink, updateUser } from '../server/modules/users/users.service';
import { backupSqlite, restoreSqlite } from './backup';
import { CliError, cliContext, openCliSession, resolveOrganization } from './cli-context';
import { createDemo } from './demo';

/** Validates one option with a contract schema so the CLI and the API refuse the same things. */
function parseWith<T>(schema: z.ZodType<T>, name: string) {
  return (value: string): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new InvalidArgumentError(`${name} ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
    return parsed.data;
  };
}

const program = new Command('ipt')
  .description('IPT Workbench operator commands (run as: npm run ipt -- <command>)')
  .exitOverride()
  .showHelpAfterError();

program.command('setup')
  .description('first run: create the organization and its first administrator')
  .requiredOption('--organization <name>', 'organization name', parseWith(text(200), 'organization'))
  .requiredOption('--admin-email <email>', 'administrator e-mail', parseWith(Email, 'admin-email'))
  .requiredOption('--admin-password <password>', 'administrator password (12+ characters)', parseWith(NewPassword, 'admin-password'))
  .requiredOption('--admin-name <name>', 'administrator name', parseWith(text(200), 'admin-name'))
  .action(async (o: { organization: string; adminEmail: string; adminPassword: string; adminName: string }) => {
    const session = await openCliSession();
    try {
      const signedIn = await setupInstallation(cliContext(session, null), { organizationName: o.organization, adminEmail: o.adminEmail, adminPassword: o.adminPassword, adminName: o.adminName });
      console.log(`Created organization "${signedIn.info.user.organizationName}" and administrator ${signedIn.info.user.email}. Sign in at ${session.config.publicUrl}`);
    } finally {
      await session.close();
    }
  });

const user = program.command('user').description('manage accounts');

user.command('create')
  .description('create a staff account directly (an invitation link is the usual way)')
  .requiredOption('--email <email>', 'e-mail', parseWith(Email, 'email'))
  .requiredOption('--name <name>', 'name', parseWith(text(200), 'name'))
  .requiredOption('--role <role>', 'clinician | supervisor | admin', parseWith(StaffRole, 'role'))
  .requiredOption('--password <password>', 'password (12+ characters)', parseWith(NewPassword, 'password'))
  .option('--organization-id <id>', 'organization (needed only when there are several)')
  .action(async (o: { email: string; name: string; role: 'clinician' | 'supervisor' | 'admin'; password: string; organizationId?: string }) => {
    const session = await openCliSession();
    try {
      const org = await resolveOrganization(session, o.organizationId);
      checkNewPassword(o.password, { email: o.email, name: o.name, organizationName: org.name });
      const row = await createUserDirect(cliContext(session, org.id), { email: o.email, name: o.name, role: o.role, passwordHash: await hashPassword(o.password) });
      console.log(`Created ${row.role} ${row.email} (${row.id}) in "${org.name}".`);
    } finally {
      await session.close();
    }
  });

async function withUser(email: string, act: (ctx: ReturnType<typeof cliContext>, found: { id: string; version: number; organization_id: string }) => Promise<void>) {
  const session = await openCliSession();
  try {
    const found = await findUserByEmail(session.opened.db, email);
    if (!found) throw new CliError(`No account with the e-mail ${email}.`);
    await act(cliContext(session, found.organization_id), { ...found, version: Number(found.version) });
  } finally {
    await session.close();
  }
}

user.command('disable')
  .description('disable an account; its sessions end at once')
  .requiredOption('--email <email>', 'e-mail', parseWith(Email, 'email'))
  .action(async (o: { email: string }) => withUser(o.email, async (ctx, found) => {
    await updateUser(ctx, found.id, found.version, { status: 'disabled' });
    console.log(`Disabled ${o.email}; their sessions have ended.`);
  }));

user.command('reset-link')
  .description('issue a one-time password reset link (valid 24 hours) to pass on')
  .requiredOption('--email <email>', 'e-mail', parseWith(Email, 'email'))
  .action(async (o: { email: string }) => withUser(o.email, async (ctx, found) => {
    const link = await issueResetLink(ctx, found.id);
    console.log(`Reset link for ${o.email} (valid until ${link.expiresAt}):\n${link.link}`);
  }));

program.command('backup')
  .description('consistent online backup of the SQLite database, verified')
  .requiredOption('--to <file>', 'the backup file to create')
  .option('--full-check', 'check the copy with integrity_check (also compares every index with its table; slower) instead of quick_check')
  .action(async (o: { to: string; fullCheck?: boolean }) => {
    const session = await openCliSession();
    try {
      const report = await backupSqlite(session.config, o.to, { fullCheck: o.fullCheck === true });
      const { seconds, copy } = report;
      const copied = copy?.method === 'file' ? 'file copy' : `page copy through SQLite${copy?.fallback ? ` because ${copy.fallback}` : ''}`;
      const parts = seconds && copy ? ` (side by side on one snapshot: ${copied} ${seconds.copy.toFixed(1)} s, ${report.check} ${seconds.check.toFixed(1)} s, chain walk ${seconds.walk.toFixed(1)} s; writers held ${copy.writersHeldMs.toFixed(0)} ms)` : '';
      console.log(`Backup written to ${report.file} (${report.bytes} bytes): integrity ${report.integrity} (${report.check}), ${report.users} users, ${report.clients} clients, ${report.auditEvents} audit events; audit chain verified${parts}.`);
    } finally {
      await session.close();
    }
  });

program.command('restore')
  .description('restore a backup into an empty data directory')
  .requiredOption('--from <file>', 'the backup file')
  .action(async (o: { from: string }) => {
    const { loadConfig } = await import('../server/config');
    const report = await restoreSqlite(loadConfig(), o.from);
    console.log(`Restored ${report.file}: integrity ${report.integrity} (${report.check}), ${report.users} users, ${report.clients} clients, ${report.auditEvents} audit events; audit chain verified. Start the server with npm start.`);
  });

const auditCommand = program.command('audit').description('the audit trail');
auditCommand.command('verify')
  .description('recompute every organization\'s audit hash chains; exit 0 when intact')
  .action(async () => {
    const session = await openCliSession();
    try {
      const database = session.config.database;
      // Ranges of the chains are read and hashed in worker threads, each with its own read connection.
      const result = await verifyAuditChains(session.opened.db, { connection: database.kind === 'sqlite' ? { kind: 'sqlite', file: database.file } : { kind: 'postgres', url: database.url } });
      if (result.breaks.length > 0) {
        for (const b of result.breaks) console.error(`BROKEN: ${breakPlace(b)}${b.eventId ? ` (${b.eventId})` : ''}: ${b.problem}`);
        throw new CliError(`Audit trail broken in ${result.breaks.length} chain(s); the first broken event is ${result.breaks[0]!.seq} of chain ${result.breaks[0]!.chain} of organization ${result.breaks[0]!.organizationId}.`, 3);
      }
      console.log(`Audit trail intact: ${result.events} events in ${result.chains} chain(s) of ${result.organizations} organization(s).`);
    } finally {
      await session.close();
    }
  });

program.command('demo')
  .description('create a clearly fictional demo organization and print its sign-in details')
  .action(async () => {
    const session = await openCliSession();
    try {
      const demo = await createDemo(session);
      console.log(`Created "${demo.organizationName}". Sign in at ${session.config.publicUrl} with:`);
      for (const a of demo.accounts) console.log(`  ${a.role.padEnd(10)} ${a.email.padEnd(26)} ${a.password}   (${a.name})`);
      console.log('These are demo accounts with made-up clients: do not enter real client data here.');
    } finally {
      await session.close();
    }
  });

/** Runs the CLI; every failure is one clear line on stderr and a non-zero exit. */
export async function run(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      console.error(`ipt: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof DatabaseUnavailableError) {
      console.error(`ipt: ${error.message}`);
      return 2;
    }
    if (isDomainError(error)) {
      const fields = error.errors.map((e) => `${e.field} ${e.message}`).join('; ');
      console.error(`ipt: ${fields || error.message}`);
      return 2;
    }
    console.error(`ipt: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && /cli[\\/]main\.ts$/.test(process.argv[1])) {
  run(process.argv.slice(2)).then((code) => process.exit(code));
}
