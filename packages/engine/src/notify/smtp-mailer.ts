import type nodemailer from 'nodemailer';
import { nodemailerLib } from '../lazy-libs';
import type { MailerPort } from '../ports';

/** SMTP settings (e.g. from the server's configuration; no SMTP = emails stay queued). */
export type SmtpConfig = {
  host: string;
  port: number;
  secure?: boolean;
  user?: string;
  pass?: string;
  from: string;
};

/**
 * A MailerPort backed by nodemailer. `transport` may be given instead of SMTP settings
 * (nodemailer's jsonTransport/streamTransport in tests, no network). nodemailer is loaded and
 * the transport made at the first email (../lazy-libs).
 */
export function createSmtpMailer(
  config:
    SmtpConfig | { transport: Parameters<typeof nodemailer.createTransport>[0]; from: string },
): MailerPort & { sent: () => number } {
  let transporter: Promise<ReturnType<typeof nodemailer.createTransport>> | undefined;
  const transport = async () => {
    const { createTransport } = await nodemailerLib();
    return 'transport' in config
      ? createTransport(config.transport)
      : createTransport({
          host: config.host,
          port: config.port,
          secure: config.secure ?? config.port === 465,
          ...(config.user ? { auth: { user: config.user, pass: config.pass ?? '' } } : {}),
        });
  };
  let sent = 0;
  return {
    async send(m) {
      await (
        await (transporter ??= transport())
      ).sendMail({
        from: config.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
      });
      sent++;
    },
    sent: () => sent,
  };
}
