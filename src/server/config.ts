import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, read once from the environment and frozen. A wrong value stops start-up with one
 * line per problem, so an operator fixes everything in one go instead of one error per restart.
 */
const boolish = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  IPT_HOST: z.string().min(1).default('127.0.0.1'),
  IPT_PORT: z.coerce.number({ message: 'must be a port number' }).int({ message: 'must be a whole number' }).min(0, { message: 'must be 0–65535' }).max(65535, { message: 'must be 0–65535' }).default(3000),
  IPT_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, { message: 'must start with postgres:// (leave it unset for the embedded SQLite database)' }).optional(),
  IPT_PUBLIC_URL: z.url({ message: 'must be a URL such as https://ipt.example.org' }).optional(),
  IPT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  IPT_SESSION_IDLE_MINUTES: z.coerce.number({ message: 'must be a number of minutes' }).int().min(1, { message: 'must be 1–60 (NIST SP 800-63B AAL2)' }).max(60, { message: 'must be 1–60 (NIST SP 800-63B AAL2)' }).default(15),
  IPT_SESSION_ABSOLUTE_HOURS: z.coerce.number({ message: 'must be a number of hours' }).int().min(1, { message: 'must be 1–24' }).max(24, { message: 'must be 1–24' }).default(12),
  IPT_TRUST_PROXY: boolish.default(false),
  IPT_SECURE_COOKIES: boolish.optional(),
  IPT_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(1024 * 1024),
  IPT_SMTP_FROM: z.string().min(3).default('IPT Workbench <no-reply@localhost>'),
  IPT_SMTP_URL: z.string().regex(/^smtps?:\/\//, { message: 'must start with smtp:// or smtps://' }).optional(),
  IPT_API_DOCS: boolish.default(true),
  IPT_WEB_ROOT: z.string().min(1).optional(),
  IPT_READ_WORKERS: z.coerce.number({ message: 'must be a number of worker threads' }).int({ message: 'must be a whole number' }).min(0, { message: 'must be 0–8' }).max(8, { message: 'must be 0–8' }).default(1),
  IPT_ESCALATION_WEBHOOK_URL: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
  IPT_ESCALATION_WEBHOOK_SECRET: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
});

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly database: { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string };
  /** The address people use to reach the app; invitation and reset links are built from it. */
  readonly publicUrl: string;
  readonly logLevel: string;
  readonly sessionIdleSeconds: number;
  readonly sessionAbsoluteSeconds: number;
  readonly trustProxy: boolean;
  /** Cookies get `Secure` and the `__Host-` prefix: on whenever the public URL is https. */
  readonly secureCookies: boolean;
  readonly bodyLimitBytes: number;
  readonly smtpUrl: string | undefined;
  readonly smtpFrom: string;
  readonly apiDocs: boolean;
  /** Where the built web app lives (default dist/web); browser tests point it at their own build. */
  readonly webRoot: string | undefined;
  /** Worker threads that answer audited reads on SQLite (0: the main thread answers them). */
  readonly readWorkers: number;
  /** Where risk escalations are also POSTed (an SMS or pager bridge), and the secret that signs them. */
  readonly escalationWebhookUrl: string | undefined;
  readonly escalationWebhookSecret: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (blank values count as unset) into a frozen Config, or throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(cleaned[String(issue.path[0])] ?? '')})`));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.IPT_DATA_DIR);
  const publicUrl = (e.IPT_PUBLIC_URL ?? `http://${e.IPT_HOST.includes(':') ? `[${e.IPT_HOST}]` : e.IPT_HOST}:${e.IPT_PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    host: e.IPT_HOST,
    port: e.IPT_PORT,
    dataDir,
    database: Object.freeze(e.DATABASE_URL ? { kind: 'postgres' as const, url: e.DATABASE_URL } : { kind: 'sqlite' as const, file: path.join(dataDir, 'ipt.sqlite') }),
    publicUrl,
    logLevel: e.IPT_LOG_LEVEL,
    sessionIdleSeconds: e.IPT_SESSION_IDLE_MINUTES * 60,
    sessionAbsoluteSeconds: e.IPT_SESSION_ABSOLUTE_HOURS * 3600,
    trustProxy: e.IPT_TRUST_PROXY,
    secureCookies: e.IPT_SECURE_COOKIES ?? publicUrl.startsWith('https://'),
    bodyLimitBytes: e.IPT_BODY_LIMIT_BYTES,
    smtpUrl: e.IPT_SMTP_URL,
    smtpFrom: e.IPT_SMTP_FROM,
    apiDocs: e.IPT_API_DOCS,
    webRoot: e.IPT_WEB_ROOT === undefined ? undefined : path.resolve(e.IPT_WEB_ROOT),
    readWorkers: e.IPT_READ_WORKERS,
    escalationWebhookUrl: e.IPT_ESCALATION_WEBHOOK_URL,
    escalationWebhookSecret: e.IPT_ESCALATION_WEBHOOK_SECRET,
  });
}
