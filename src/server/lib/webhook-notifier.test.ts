import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { defaultNotifiers } from './notifier';
import { webhookNotifier, type WebhookEscalation } from './webhook-notifier';

/** A local endpoint that records what it receives and answers with the status the test sets. */
function startEndpoint() {
  const received: Array<{ body: string; signature: string | undefined }> = [];
  let status = 204;
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    request.on('end', () => {
      received.push({ body, signature: request.headers['x-ipt-signature'] as string | undefined });
      response.statusCode = status;
      response.end();
    });
  });
  return {
    received,
    setStatus: (value: number) => { status = value; },
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/escalations`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the escalation webhook channel', () => {
  const endpoint = startEndpoint();
  let url = '';
  const recipient = { id: '0190a0b0-0000-7000-8000-000000000001', name: 'Omar Supervisor', email: 'omar@test.example' };
  const message = { subject: 'A risk flag needs your acknowledgement', text: 'Sign in to see it: http://x/supervision/risk' };

  beforeAll(async () => { url = await endpoint.listen(); });
  afterAll(async () => endpoint.close());

  it('posts who to nudge and the nudge, signed with the secret', async () => {
    const secret = 'a-long-shared-secret-for-tests';
    const notifier = webhookNotifier({ url, secret, now: () => new Date('2026-12-06T10:00:00Z') });
    expect(await notifier.notify(recipient, message)).toBe(true);
    const last = endpoint.received.at(-1)!;
    const payload = JSON.parse(last.body) as WebhookEscalation;
    expect(payload).toEqual({ channel: 'webhook', recipient, subject: message.subject, text: message.text, sentAt: '2026-12-06T10:00:00.000Z' });
    expect(last.signature).toBe(`sha256=${createHmac('sha256', secret).update(last.body).digest('hex')}`);
  });

  it('sends no signature without a secret', async () => {
    await webhookNotifier({ url }).notify(recipient, message);
    expect(endpoint.received.at(-1)!.signature).toBeUndefined();
  });

  it('reports an error answer or an unreachable endpoint as a failed delivery, without throwing', async () => {
    const logs: string[] = [];
    endpoint.setStatus(503);
    expect(await webhookNotifier({ url, log: (m) => logs.push(m) }).notify(recipient, message)).toBe(false);
    endpoint.setStatus(204);
    const closed = startEndpoint();
    const deadUrl = await closed.listen();
    await closed.close();
    expect(await webhookNotifier({ url: deadUrl, log: (m) => logs.push(m) }).notify(recipient, message)).toBe(false);
    expect(logs[0]).toBe('escalation webhook answered 503');
    expect(logs[1]).toMatch(/^escalation webhook failed: /);
  });

  it('is one of the default channels only when configured', () => {
    expect(defaultNotifiers(null).map((n) => n.channel)).toEqual([]);
    expect(defaultNotifiers(null, { url: undefined, secret: undefined }).map((n) => n.channel)).toEqual([]);
    expect(defaultNotifiers(null, { url, secret: undefined }).map((n) => n.channel)).toEqual(['webhook']);
  });

  it('is configured from the environment, and a bad URL or short secret stops start-up', () => {
    const config = loadConfig({ IPT_ESCALATION_WEBHOOK_URL: 'https://sms-bridge.example.org/hook', IPT_ESCALATION_WEBHOOK_SECRET: 'sixteen-chars-at-least' });
    expect(config.escalationWebhookUrl).toBe('https://sms-bridge.example.org/hook');
    expect(config.escalationWebhookSecret).toBe('sixteen-chars-at-least');
    expect(() => loadConfig({ IPT_ESCALATION_WEBHOOK_URL: 'ftp://x.example.org' })).toThrow(/IPT_ESCALATION_WEBHOOK_URL: must be an http/);
    expect(() => loadConfig({ IPT_ESCALATION_WEBHOOK_URL: 'https://x.example.org', IPT_ESCALATION_WEBHOOK_SECRET: 'short' })).toThrow(/IPT_ESCALATION_WEBHOOK_SECRET: must be at least 16/);
  });
});
