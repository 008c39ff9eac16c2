import 'server-only';
import { getConfig } from '@/lib/config';
import { findPaymentLink } from '@/lib/db/payment-links';
import { listPaymentLinks } from '@/lib/db/staff-ledger';
import type { EmailKind, EmailState, PaymentLink } from '@/lib/db/schema';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import {
  listEmailsForLink,
  listEmailsForLinks,
  type EmailSummary,
} from '@/lib/payments/email/outbox';
import { guestLocaleFor } from '@/lib/payments/email/link-email';
import { getPropertyIdentity } from '@/lib/payments/property/identity';

/** The back office's list of payment links, each with the e-mails sent about it. */

/** One e-mail of the outbox as staff see it: never its body, which holds the link itself. */
export interface EmailView {
  id: string;
  kind: EmailKind;
  recipient: string;
  recipientRole: 'guest' | 'hotel';
  state: EmailState;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
  /** Whether "Send again" can repeat it (its rendered message is stored). */
  resendable: boolean;
}

export interface LinkRow {
  id: string;
  state: PaymentLink['state'];
  amountMinor: number;
  currency: string;
  description: string;
  customerId: string;
  reservationId: string | null;
  expiresAt: string;
  createdAt: string;
  paidAt: string | null;
  createdVia: PaymentLink['createdVia'];
  /** Where the link's e-mails go, when it was ever e-mailed. */
  guestEmail: string | null;
  guestLocale: string | null;
  /** The link's e-mails, newest first. */
  emails: EmailView[];
}

function iso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.toISOString();
}

export function toEmailView(email: EmailSummary): EmailView {
  return {
    id: email.id,
    kind: email.kind,
    recipient: email.recipient,
    recipientRole: email.recipientRole,
    state: email.state,
    attempts: email.attempts,
    lastError: email.lastError,
    sentAt: iso(email.sentAt),
    createdAt: iso(email.createdAt) ?? '',
    resendable: email.resendable,
  };
}

function newestFirst(emails: EmailView[]): EmailView[] {
  return [...emails].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function toLinkRow(link: PaymentLink, now: Date, emails: EmailView[] = []): LinkRow {
  const expired = link.state === 'open' && link.expiresAt.getTime() <= now.getTime();
  return {
    id: link.id,
    state: expired ? 'expired' : link.state,
    amountMinor: link.amountMinor,
    currency: link.currency.trim(),
    description: link.description,
    customerId: link.mewsCustomerId,
    reservationId: link.mewsReservationId,
    expiresAt: link.expiresAt.toISOString(),
    createdAt: link.createdAt.toISOString(),
    paidAt: link.paidAt?.toISOString() ?? null,
    createdVia: link.createdVia,
    guestEmail: link.guestEmail,
    guestLocale: link.guestLocale,
    emails: newestFirst(emails),
  };
}

/** The e-mails of one link, newest first, as staff see them. */
export async function linkEmails(ctx: PaymentContext, linkId: string): Promise<EmailView[]> {
  return newestFirst((await listEmailsForLink(ctx, linkId)).map(toEmailView));
}

export async function linkRowWithEmails(ctx: PaymentContext, link: PaymentLink): Promise<LinkRow> {
  return toLinkRow(link, ctx.now(), await linkEmails(ctx, link.id));
}

export async function listLinks(
  ctx: PaymentContext,
  filter: { customerId?: string } = {},
): Promise<LinkRow[]> {
  const links = await listPaymentLinks(ctx.db, filter);
  // One query for every listed link's messages: the list refreshes every few seconds.
  const emails = await listEmailsForLinks(
    ctx,
    links.map((link) => link.id),
  );
  return links.map((link) =>
    toLinkRow(link, ctx.now(), newestFirst((emails.get(link.id) ?? []).map(toEmailView))),
  );
}

/** Whether this installation can e-mail at all (an SMTP server is configured). */
export function mailConfigured(): boolean {
  return getConfig().mail !== undefined;
}

/** What the "Send to guest" dialog starts with: the link's address, else the Mews customer's. */
export interface LinkEmailDefaults {
  mailConfigured: boolean;
  email: string | null;
  locale: Locale;
}

export async function linkEmailDefaults(
  ctx: PaymentContext,
  linkId: string,
): Promise<LinkEmailDefaults> {
  const link = await findPaymentLink(ctx.db, linkId);
  if (!link) throw new PaymentError('not_found', 'No such payment link');
  const identity = await getPropertyIdentity(ctx);
  let email = link.guestEmail;
  let locale: Locale | null = isLocale(link.guestLocale) ? link.guestLocale : null;
  if (!email || !locale) {
    // Mews away: the dialog still opens, with an empty address for staff to type.
    const customer = await ctx.mews.getCustomer(link.mewsCustomerId).catch(() => null);
    email ??= customer?.email ?? null;
    locale ??= guestLocaleFor(customer?.languageCode ?? null, identity.defaultLocale);
  }
  return { mailConfigured: mailConfigured(), email, locale: locale ?? identity.defaultLocale };
}
