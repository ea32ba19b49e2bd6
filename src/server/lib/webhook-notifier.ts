import { createHmac } from 'node:crypto';
import type { EscalationNotifier } from './notifier';

/** How long one delivery may take before it counts as failed; the in-app notice never waits on it. */
const DELIVERY_TIMEOUT_MS = 5000;

/** What a webhook delivery carries: who to nudge and the nudge itself, never client details. */
export interface WebhookEscalation {
  channel: 'webhook';
  recipient: { id: string; name: string; email: string };
  subject: string;
  text: string;
  sentAt: string;
}

/**
 * The webhook channel: POSTs each escalation nudge as JSON to an operator's endpoint — typically a
 * small bridge to an SMS gateway or pager service, which maps the recipient's id or e-mail to a
 * phone number it keeps. With a secret, the body is signed (`x-ipt-signature: sha256=<hex HMAC>`)
 * so the bridge can refuse forged calls. A non-2xx answer, a network error or a time-out counts as
 * a failed delivery (false); it never throws, so one broken channel cannot stop the others.
 */
export function webhookNotifier(options: { url: string; secret?: string | undefined; now?: () => Date; log?: (message: string) => void }): EscalationNotifier {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  return {
    channel: 'webhook',
    async notify(recipient, message) {
      const payload: WebhookEscalation = { channel: 'webhook', recipient: { id: recipient.id, name: recipient.name, email: recipient.email }, subject: message.subject, text: message.text, sentAt: now().toISOString() };
      const body = JSON.stringify(payload);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.secret) headers['x-ipt-signature'] = `sha256=${createHmac('sha256', options.secret).update(body).digest('hex')}`;
      try {
        const response = await fetch(options.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS), redirect: 'error' });
        if (!response.ok) log(`escalation webhook answered ${response.status}`);
        return response.ok;
      } catch (error) {
        log(`escalation webhook failed: ${(error as Error).message}`);
        return false;
      }
    },
  };
}
