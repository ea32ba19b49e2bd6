import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { createMailer, invitationMail } from './mailer';

describe('mailer', () => {
  it('is off without an SMTP setting', () => {
    expect(createMailer({ smtpUrl: undefined, from: 'x@example.org' })).toBeNull();
  });

  it('sends the link with the organization name and nothing else', async () => {
    const sent: string[] = [];
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const original = transport.sendMail.bind(transport);
    transport.sendMail = (async (message: Parameters<typeof original>[0]) => {
      const info = await original(message);
      sent.push(String((info as { message: string }).message));
      return info;
    }) as typeof transport.sendMail;
    const mailer = createMailer({ smtpUrl: undefined, from: 'IPT <no-reply@example.org>' }, transport);
    const ok = await mailer!.send({ to: 'new@example.org', ...invitationMail('Demo Clinic', 'clinician', 'http://x/invite#token=abc', '2026-11-25') });
    expect(ok).toBe(true);
    const message = JSON.parse(sent[0]!);
    expect(message.to[0].address).toBe('new@example.org');
    expect(message.text).toContain('http://x/invite#token=abc');
    expect(message.subject).toContain('Demo Clinic');
  });

  it('reports a failed send as false instead of throwing', async () => {
    const logs: string[] = [];
    const transport = nodemailer.createTransport({ jsonTransport: true });
    transport.sendMail = (async () => { throw new Error('connection refused'); }) as typeof transport.sendMail;
    const mailer = createMailer({ smtpUrl: undefined, from: 'a@example.org' }, transport, (m) => logs.push(m));
    expect(await mailer!.send({ to: 'someone@example.org', subject: 's', text: 't' })).toBe(false);
    expect(logs[0]).toContain('connection refused');
    expect(logs[0]).not.toContain('someone@');
  });
});
