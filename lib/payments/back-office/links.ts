import 'server-only';
import { and, inArray, isNotNull, max } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { findPaymentLink } from '@/lib/db/payment-links';
import { undoableUntil } from '@/lib/payments/links/payment-links';
import { listLinksForStaff, type LinkStatusFilter } from '@/lib/db/payment-links';
import {
  mewsPaymentRequests,
  type EmailKind,
  type EmailState,
  type PaymentLink,
} from '@/lib/db/schema';
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
  /** The guest's name: our cache of Mews customers, else the name kept with the link. */
  guestName: string | null;
  reservationNumber: string | null;
  purpose: PaymentLink['purpose'];
  /** What the guest is asked for: a payment, or a hold on their card. */
  collect: PaymentLink['collect'];
  /** For a hold link: when the guest's hold was placed (Mews preauthorization), else null. */
  holdPlacedAt: string | null;
  keepOpenWhenSiblingPaid: boolean;
  /** The staff member who made it (their name), or null for the API, CLI and seed. */
  createdByName: string | null;
  canceledReason: PaymentLink['canceledReason'];
  canceledByName: string | null;
  /** Until when "Undo" can reopen a link a clerk just canceled (a minute), else null. */
  undoableUntil: string | null;
  /** The link's e-mails, newest first. */
  emails: EmailView[];
}

/** Names that come with a link from the list query; a single link read has none of them. */
export interface LinkNames {
  guestName?: string | null;
  createdByName?: string | null;
  canceledByName?: string | null;
  holdPlacedAt?: Date | null;
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

export function toLinkRow(
  link: PaymentLink,
  now: Date,
  emails: EmailView[] = [],
  names: LinkNames = {},
): LinkRow {
  const expired = link.state === 'open' && link.expiresAt.getTime() <= now.getTime();
  const until = undoableUntil(link);
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
    guestName: names.guestName || link.guestName,
    reservationNumber: link.reservationNumber,
    purpose: link.purpose,
    collect: link.collect,
    holdPlacedAt: link.collect === 'hold' ? iso(names.holdPlacedAt) : null,
    keepOpenWhenSiblingPaid: link.keepOpenWhenSiblingPaid,
    createdByName: names.createdByName ?? null,
    canceledReason: link.canceledReason,
    canceledByName: names.canceledByName ?? null,
    undoableUntil: until && until.getTime() > now.getTime() ? until.toISOString() : null,
    emails: newestFirst(emails),
  };
}

/** The e-mails of one link, newest first, as staff see them. */
export async function linkEmails(ctx: PaymentContext, linkId: string): Promise<EmailView[]> {
  return newestFirst((await listEmailsForLink(ctx, linkId)).map(toEmailView));
}

/** One link as the list shows it, names included (one indexed read). */
export async function linkRowWithEmails(ctx: PaymentContext, link: PaymentLink): Promise<LinkRow> {
  const [row] = await listLinks(ctx, { linkId: link.id });
  return row ?? toLinkRow(link, ctx.now(), await linkEmails(ctx, link.id));
}

export interface LinkListFilter {
  customerId?: string;
  linkId?: string;
  /** Guest name, reservation number, description or e-mail, in part. */
  q?: string;
  status?: LinkStatusFilter;
}

export async function listLinks(
  ctx: PaymentContext,
  filter: LinkListFilter = {},
): Promise<LinkRow[]> {
  const now = ctx.now();
  const rows = await listLinksForStaff(ctx.db, { ...filter, now });
  // One query for every listed link's messages: the list refreshes every few seconds.
  const [emails, holds] = await Promise.all([
    listEmailsForLinks(
      ctx,
      rows.map((row) => row.link.id),
    ),
    holdsPlacedFor(
      ctx,
      rows.filter((row) => row.link.collect === 'hold').map((row) => row.link.id),
    ),
  ]);
  return rows.map((row) =>
    toLinkRow(row.link, now, newestFirst((emails.get(row.link.id) ?? []).map(toEmailView)), {
      guestName: row.cachedGuestName,
      createdByName: row.createdByName,
      canceledByName: row.canceledByName,
      holdPlacedAt: holds.get(row.link.id) ?? null,
    }),
  );
}

/** When each hold link's hold was placed (its Mews request completed), one query for the list. */
async function holdsPlacedFor(ctx: PaymentContext, linkIds: string[]): Promise<Map<string, Date>> {
  if (linkIds.length === 0) return new Map();
  const rows = await ctx.db
    .select({
      linkId: mewsPaymentRequests.paymentLinkId,
      placedAt: max(mewsPaymentRequests.holdPlacedAt),
    })
    .from(mewsPaymentRequests)
    .where(
      and(
        inArray(mewsPaymentRequests.paymentLinkId, linkIds),
        isNotNull(mewsPaymentRequests.holdPlacedAt),
      ),
    )
    .groupBy(mewsPaymentRequests.paymentLinkId);
  const placed = new Map<string, Date>();
  for (const row of rows) {
    if (row.placedAt) placed.set(row.linkId, new Date(row.placedAt));
  }
  return placed;
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

/** The currencies the links page's form offers: Mews' enabled ones (none while Mews is away). */
export interface LinkFormOptions {
  currencies: string[];
  defaultCurrency: string;
  /** Why no link can be made right now, when Mews could not be read. */
  unavailable: string | null;
  /** Whether a link may ask for a hold instead of a payment (GUEST_HOLDS=on). */
  holds: boolean;
}

/** Whether staff may make links that ask for a hold on the card (GUEST_HOLDS=on). */
export function holdsAvailable(): boolean {
  return getConfig().guestPayments.holds;
}

export async function linkFormOptions(ctx: PaymentContext): Promise<LinkFormOptions> {
  try {
    const configuration = await ctx.mews.getConfiguration();
    const currencies = configuration.currencies.enabled;
    return {
      currencies,
      defaultCurrency: configuration.currencies.default ?? currencies[0] ?? 'EUR',
      unavailable: null,
      holds: holdsAvailable(),
    };
  } catch (error) {
    ctx.log.warn({ err: error }, 'Mews configuration unavailable for the links page');
    return {
      currencies: [],
      defaultCurrency: 'EUR',
      unavailable: 'Mews cannot be reached right now, so no link can be made; try again shortly.',
      holds: holdsAvailable(),
    };
  }
}
