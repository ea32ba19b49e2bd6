import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

/** Parses a bad environment and answers the ConfigError it must throw. */
function problemsOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

/** The variables a ConfigError names, one per problem line. */
const variablesNamed = (error: ConfigError) => error.problems.map((p) => p.split(':')[0]);

describe('loadConfig', () => {
  it('has safe defaults: local address, embedded SQLite under ./data, 15 min idle, 12 h absolute, 1 MiB bodies', () => {
    const config = loadConfig({});
    const dataDir = path.resolve('./data');
    expect(config).toMatchObject({
      host: '127.0.0.1', port: 3000, dataDir, database: { kind: 'sqlite', file: path.join(dataDir, 'ipt.sqlite') }, publicUrl: 'http://127.0.0.1:3000',
      logLevel: 'info', sessionIdleSeconds: 900, sessionAbsoluteSeconds: 43_200, trustProxy: false, secureCookies: false, bodyLimitBytes: 1_048_576,
      smtpUrl: undefined, apiDocs: true,
    });
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ IPT_PORT: '  ', IPT_LOG_LEVEL: '', DATABASE_URL: ' ' })).toMatchObject({ port: 3000, logLevel: 'info', database: { kind: 'sqlite' } });
  });

  it('reads every setting it is given', () => {
    const config = loadConfig({
      IPT_HOST: '0.0.0.0', IPT_PORT: '8080', IPT_DATA_DIR: '/var/lib/ipt', DATABASE_URL: 'postgres://ipt:secret@db.internal/ipt', IPT_PUBLIC_URL: 'https://ipt.example.org/',
      IPT_LOG_LEVEL: 'warn', IPT_SESSION_IDLE_MINUTES: '30', IPT_SESSION_ABSOLUTE_HOURS: '24', IPT_TRUST_PROXY: 'yes', IPT_BODY_LIMIT_BYTES: '2048',
      IPT_SMTP_URL: 'smtps://mail.example.org', IPT_API_DOCS: '0',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0', port: 8080, dataDir: '/var/lib/ipt', database: { kind: 'postgres', url: 'postgres://ipt:secret@db.internal/ipt' }, publicUrl: 'https://ipt.example.org',
      logLevel: 'warn', sessionIdleSeconds: 1800, sessionAbsoluteSeconds: 86_400, trustProxy: true, secureCookies: true, bodyLimitBytes: 2048,
      smtpUrl: 'smtps://mail.example.org', apiDocs: false,
    });
  });

  it('turns Secure cookies on with an https public URL, unless told otherwise, and brackets an IPv6 host', () => {
    expect(loadConfig({ IPT_PUBLIC_URL: 'https://ipt.example.org' }).secureCookies).toBe(true);
    expect(loadConfig({ IPT_PUBLIC_URL: 'https://ipt.example.org', IPT_SECURE_COOKIES: 'false' }).secureCookies).toBe(false);
    expect(loadConfig({ IPT_PUBLIC_URL: 'http://ipt.internal:3000' }).secureCookies).toBe(false);
    expect(loadConfig({ IPT_HOST: '::1', IPT_PORT: '4000' }).publicUrl).toBe('http://[::1]:4000');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/ipt' }).database).toEqual({ kind: 'postgres', url: 'postgresql://db/ipt' });
  });

  it('lists every problem at once: a port that is not a number, a foreign database, no idle time, an unknown log level', () => {
    const error = problemsOf({ IPT_PORT: 'abc', DATABASE_URL: 'mysql://x', IPT_SESSION_IDLE_MINUTES: '0', IPT_LOG_LEVEL: 'loud' });
    expect(variablesNamed(error).sort()).toEqual(['DATABASE_URL', 'IPT_LOG_LEVEL', 'IPT_PORT', 'IPT_SESSION_IDLE_MINUTES']);
    const line = (name: string) => error.problems.find((p) => p.startsWith(`${name}:`))!;
    expect(line('IPT_PORT')).toMatch(/port number.*"abc"/);
    expect(line('DATABASE_URL')).toMatch(/postgres:\/\/.*"mysql:\/\/x"/);
    expect(line('IPT_SESSION_IDLE_MINUTES')).toMatch(/1–60.*"0"/);
    expect(line('IPT_LOG_LEVEL')).toMatch(/"loud"/);
    // One line per problem under a heading, so the operator sees them all in one go.
    expect(error.message.split('\n')).toHaveLength(1 + error.problems.length);
    for (const problem of error.problems) expect(error.message).toContain(problem);
  });

  it('names a port out of range alongside the other problems', () => {
    const error = problemsOf({ IPT_PORT: '70000', DATABASE_URL: 'mysql://x', IPT_SESSION_IDLE_MINUTES: '0', IPT_LOG_LEVEL: 'loud' });
    expect(variablesNamed(error).sort()).toEqual(['DATABASE_URL', 'IPT_LOG_LEVEL', 'IPT_PORT', 'IPT_SESSION_IDLE_MINUTES']);
    expect(error.problems.find((p) => p.startsWith('IPT_PORT:'))).toMatch(/0–65535.*"70000"/);
  });

  it('refuses every other malformed setting, each named', () => {
    const env = {
      IPT_PORT: '1.5', IPT_SESSION_IDLE_MINUTES: '61', IPT_SESSION_ABSOLUTE_HOURS: '25', IPT_TRUST_PROXY: 'maybe', IPT_SECURE_COOKIES: 'on',
      IPT_BODY_LIMIT_BYTES: '10', IPT_PUBLIC_URL: 'not a url', IPT_SMTP_URL: 'http://mail.example.org', IPT_API_DOCS: 'sure',
    };
    expect(new Set(variablesNamed(problemsOf(env)))).toEqual(new Set(Object.keys(env)));
  });

  it('starts one read worker unless told otherwise, and refuses a count that is not 0–8 whole threads', () => {
    expect(loadConfig({}).readWorkers).toBe(1);
    expect(loadConfig({ IPT_READ_WORKERS: '0' }).readWorkers).toBe(0);
    for (const bad of ['abc', '-1', '9', '1.5']) {
      const error = problemsOf({ IPT_READ_WORKERS: bad });
      expect(variablesNamed(error)).toEqual(['IPT_READ_WORKERS']);
      expect(error.problems[0]).toContain(`"${bad}"`);
    }
  });

  it('is frozen, down to the database settings', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
    expect(() => { (config as { port: number }).port = 1; }).toThrow(TypeError);
    expect(() => { (config.database as { kind: string }).kind = 'postgres'; }).toThrow(TypeError);
    expect(config.port).toBe(3000);
  });
});
