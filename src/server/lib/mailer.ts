import nodemailer, { type Transporter } from 'nodemailer';

/**
 * Optional e-mail for invitation and reset links. Links are always shown to the administrator, so
 * mail is a convenience: a send failure is logged and never fails the request. The message holds the
 * link and the organization's name only — never client information.
 */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<boolean>;
}

export function createMailer(options: { smtpUrl: string | undefined; from: string }, transport?: Transporter, log: (message: string) => void = () => undefined): Mailer | null {
  if (!options.smtpUrl && !transport) return null;
  const transporter = transport ?? nodemailer.createTransport(options.smtpUrl!, { connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 10000 });
  return {
    async send(message) {
      try {
        await transporter.sendMail({ from: options.from, ...message });
        return true;
      } catch (error) {
        log(`mail to ${message.to.replace(/^(.).*@/, '$1…@')} failed: ${(error as Error).message}`);
        return false;
      }
    },
  };
}

export function invitationMail(organizationName: string, role: string, link: string, expiresAt: string) {
  return {
    subject: `Your invitation to IPT Workbench (${organizationName})`,
    text: `You have been invited to join ${organizationName} on IPT Workbench as ${role}.\n\nOpen this link to choose your password (it works once and expires ${expiresAt}):\n${link}\n\nIf you did not expect this, ignore this message.`,
  };
}

export function resetMail(organizationName: string, link: string, expiresAt: string) {
  return {
    subject: `Reset your IPT Workbench password (${organizationName})`,
    text: `An administrator of ${organizationName} issued a password reset link for your account.\n\nOpen it to choose a new password (it works once and expires ${expiresAt}):\n${link}\n\nIf you did not ask for this, tell your administrator.`,
  };
}
