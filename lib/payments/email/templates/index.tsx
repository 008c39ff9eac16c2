import { render, toPlainText } from '@react-email/render';
import type { EmailKind } from '@/lib/db/schema';
import { fillMessage } from '../messages';
import { LinkCanceledEmail, type LinkCanceledEmailProps } from './link-canceled';
import { PaymentLinkEmail, type PaymentLinkEmailProps } from './payment-link';
import { ReceiptEmail, type ReceiptEmailProps } from './receipt';
import { ReminderEmail } from './reminder';
import {
  VerificationPendingEmail,
  type VerificationPendingEmailProps,
} from './verification-pending';

export type { EmailBrand, EmailFrameProps } from './layout';
export { cardLabel, formatEmailAmount, formatEmailDateTime, intlLocaleOf } from './format';

/** One e-mail's facts, by kind: what render.ts gathers and the templates show. */
export type EmailTemplateInput =
  | ({ kind: 'payment_link' | 'reminder' } & Omit<PaymentLinkEmailProps, 'variant'>)
  | ({ kind: 'receipt' } & ReceiptEmailProps)
  | ({ kind: 'link_canceled' } & LinkCanceledEmailProps)
  | ({ kind: 'verification_pending' } & VerificationPendingEmailProps);

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

function subjectOf(input: EmailTemplateInput): string {
  const m = input.messages;
  const values = { hotel: input.brand.name, amount: input.amount };
  const templates: Record<EmailKind, string> = {
    payment_link: m.paymentLink.subject,
    reminder: m.reminder.subject,
    receipt:
      input.kind === 'receipt' && input.copyFor === 'hotel'
        ? m.receipt.hotelSubject
        : m.receipt.subject,
    link_canceled:
      input.kind === 'link_canceled' && input.siblingPaid
        ? m.linkCanceled.siblingPaidSubject
        : m.linkCanceled.subject,
    verification_pending: m.verificationPending.subject,
  };
  // A header line: no line breaks, whatever a hotel name or description holds.
  return fillMessage(templates[input.kind], values)
    .replace(/[\r\n\t]+/g, ' ')
    .trim();
}

function elementOf(input: EmailTemplateInput) {
  switch (input.kind) {
    case 'payment_link': {
      const { kind: _kind, ...props } = input;
      return <PaymentLinkEmail {...props} variant="payment_link" />;
    }
    case 'reminder': {
      const { kind: _kind, ...props } = input;
      return <ReminderEmail {...props} />;
    }
    case 'receipt': {
      const { kind: _kind, ...props } = input;
      return <ReceiptEmail {...props} />;
    }
    case 'link_canceled': {
      const { kind: _kind, ...props } = input;
      return <LinkCanceledEmail {...props} />;
    }
    case 'verification_pending': {
      const { kind: _kind, ...props } = input;
      return <VerificationPendingEmail {...props} />;
    }
  }
}

/** Phone and e-mail links read as their text; web links keep their address (the pay link!). */
const PLAIN_TEXT_OPTIONS = {
  selectors: ['a[href^="tel:"]', 'a[href^="mailto:"]'].map((selector) => ({
    selector,
    format: 'anchor',
    options: { ignoreHref: true },
  })),
};

/** The subject line, the HTML and the plain-text part of one e-mail. */
export async function renderEmailTemplate(input: EmailTemplateInput): Promise<RenderedEmail> {
  const html = await render(elementOf(input));
  return { subject: subjectOf(input), html, text: toPlainText(html, PLAIN_TEXT_OPTIONS) };
}
