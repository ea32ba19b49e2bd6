import type { Mailer } from './mailer';
import { webhookNotifier } from './webhook-notifier';

/** Someone to tell about an escalated risk flag, outside the app. */
export interface NotifyRecipient {
  id: string;
  name: string;
  email: string;
}

/**
 * A channel that nudges a supervisor outside the app (e-mail, SMS, a pager…). Channels are
 * pluggable: pass your own to buildApp({ notifiers }). They run after the escalation committed, get
 * no client details, and their failures never undo or delay the in-app notice.
 */
export interface EscalationNotifier {
  readonly channel: string;
  notify(recipient: NotifyRecipient, message: { subject: string; text: string }): Promise<boolean>;
}

/** The e-mail channel over the optional SMTP mailer. */
export function emailNotifier(mailer: Mailer): EscalationNotifier {
  return { channel: 'email', notify: (recipient, message) => mailer.send({ to: recipient.email, ...message }) };
}

/**
 * The channels configured by default: e-mail when IPT_SMTP_URL is set, and the webhook (an SMS or
 * pager bridge) when IPT_ESCALATION_WEBHOOK_URL is set; otherwise none — the in-app notice always stands.
 */
export function defaultNotifiers(mailer: Mailer | null, webhook?: { url: string | undefined; secret: string | undefined; log?: (message: string) => void }): EscalationNotifier[] {
  const channels: EscalationNotifier[] = mailer ? [emailNotifier(mailer)] : [];
  if (webhook?.url) channels.push(webhookNotifier({ url: webhook.url, secret: webhook.secret, ...(webhook.log ? { log: webhook.log } : {}) }));
  return channels;
}
