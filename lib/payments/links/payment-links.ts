import 'server-only';
import { cancelCheckoutRequestOfLink } from '@/lib/payments/checkout/requests';
import { z } from 'zod';
import {
  cancelLink,
  createPaymentLink as insertPaymentLink,
  delayLinkCanceledEmail,
  findPaymentLink,
  findPaymentLinkByTokenHash,
  listSiblingLinks,
  lockPaymentLink,
  reopenCanceledLink,
  transitionPaymentLink,
} from '@/lib/db/payment-links';
import { appendAuditEvent } from '@/lib/db/audit-log';
import type { Database } from '@/lib/db';
import type { PaymentLink } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { isKnownCurrency, type MewsCustomer, type ReservationSummary } from '@/lib/mews';
import { formatMoney } from '@/lib/money';
import { guestLocaleFor } from '@/lib/payments/email/messages';
import { enqueueEmail } from '@/lib/payments/email/outbox';
import { sendToSchema, type SendTo } from '@/lib/payments/email/schemas';
import { getPropertyIdentity } from '@/lib/payments/property/identity';
import { audit, auditEventOf, type AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError, paymentErrorFromMews } from '@/lib/server/errors';
import { getConfig } from '@/lib/config';
import { HOLDS_OFF, LINK_COLLECT_VALUES, LINK_PURPOSE_VALUES } from './schemas';
import { generateLinkToken, hashLinkToken, isWellFormedLinkToken } from './link-token';
import { CARD_DATA_REFUSED, containsCardData, hasControlCharacters } from '@/lib/validation/text';

const MAX_LINK_LIFETIME_DAYS = 90;

/** What a link collects: links of one reservation and purpose collect the same money. */
export const LINK_PURPOSES = LINK_PURPOSE_VALUES;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** How long a staff cancel can be undone; the guest's "canceled" e-mail waits that long. */
export const CANCEL_UNDO_MS = 60_000;

/**
 * What it takes to create a payment link, from staff, the CLI or the API. One schema for all of
 * them; the amount is in minor units of the currency (12550 = EUR 125.50).
 */
export const paymentLinkInputSchema = z
  .object({
    customerId: z.uuid('customerId must be a Mews customer id (UUID)'),
    reservationId: z.uuid('reservationId must be a Mews reservation id (UUID)').nullish(),
    amountMinor: z
      .number({ error: 'amountMinor must be a whole number of minor units, e.g. 12550 for 125.50' })
      .int('amountMinor must be a whole number of minor units, e.g. 12550 for 125.50')
      .positive('amountMinor must be more than zero')
      .max(100_000_000_00, 'amountMinor is larger than any deposit this checkout takes'),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isKnownCurrency, 'currency must be an ISO 4217 code such as EUR'),
    description: z
      .string()
      .trim()
      .min(1, 'description is required')
      .max(200, 'description is at most 200 characters')
      .refine((value) => !containsCardData(value), `description: ${CARD_DATA_REFUSED}`)
      .refine(
        (value) => !hasControlCharacters(value),
        'description must not contain control characters',
      ),
    expiresInHours: z
      .number()
      .int()
      .min(1, 'expiresInHours must be at least 1')
      .max(
        MAX_LINK_LIFETIME_DAYS * 24,
        `expiresInHours must be at most ${MAX_LINK_LIFETIME_DAYS * 24}`,
      )
      .optional(),
    /** An exact end instead of `expiresInHours` (e.g. the reservation's deposit deadline). */
    expiresAt: z.iso
      .datetime({
        offset: true,
        error: 'expiresAt must be an ISO 8601 date and time, e.g. 2027-03-01T12:00:00Z',
      })
      .optional(),
    /** What the link collects (default `deposit`): a paid link closes its open siblings of the same purpose. */
    purpose: z
      .enum(LINK_PURPOSES, { error: `purpose must be one of ${LINK_PURPOSES.join(', ')}` })
      .optional(),
    /**
     * What the guest is asked for (default `payment`): `hold` asks for a hold on their card (a Mews
     * preauthorization, placed through Mews Payments Checkout), only when GUEST_HOLDS is on.
     */
    collect: z
      .enum(LINK_COLLECT_VALUES, {
        error: `collect must be one of ${LINK_COLLECT_VALUES.join(', ')}`,
      })
      .optional(),
    /** Keep this link payable even after another link of its reservation and purpose is paid. */
    keepOpenWhenSiblingPaid: z
      .boolean({ error: 'keepOpenWhenSiblingPaid must be true or false' })
      .optional(),
    /**
     * Create the link although the reservation has an open or paid link of the same purpose
     * (answered 409 `conflict` otherwise, naming that link).
     */
    allowDuplicate: z.boolean({ error: 'allowDuplicate must be true or false' }).optional(),
  })
  .strict()
  .refine((input) => !(input.expiresAt && input.expiresInHours), {
    message: 'Give expiresAt or expiresInHours, not both',
    path: ['expiresAt'],
  });

const DEFAULT_LINK_LIFETIME_HOURS = 72;

export type PaymentLinkInput = z.input<typeof paymentLinkInputSchema>;

export interface CreatedPaymentLink {
  link: PaymentLink;
  /** Shown once: only its hash is stored. */
  token: string;
  url: string;
}

export function paymentLinkUrl(ctx: Pick<PaymentContext, 'appUrl'>, token: string): string {
  return `${ctx.appUrl}/pay/${token}`;
}

/** Who may see and act on a new link, and (with `sendTo`) who is e-mailed it. */
export interface PaymentLinkOrigin {
  via: PaymentLink['createdVia'];
  actor: AuditActor;
  /** The key of an /api/v1 call, which may then see and cancel the link (its scopes permitting). */
  apiKeyId?: string;
  /** The field the "already has a link" refusal is reported on (the staff form's confirmation box). */
  duplicateField?: string;
  /**
   * E-mail the link to this address: the `payment_link` e-mail is queued in the same transaction
   * as the link, so there is never a link "sent" without its e-mail, nor an e-mail without a link.
   * Without `locale`, the Mews customer's language, else the hotel's.
   */
  sendTo?: SendTo;
}

/**
 * Queues the link e-mail of `link` with its URL, the only copy of the token outside the guest's
 * browser. `db` is the transaction that creates or re-tokens the link. `sequence` numbers the
 * link's e-mails of its URL (1 for the first): the dedupe key makes a replayed call queue nothing.
 */
export async function queueLinkEmail(
  db: Database,
  input: {
    link: PaymentLink;
    url: string;
    email: string;
    locale: Locale;
    sequence: number;
    actor: AuditActor;
  },
) {
  const row = await enqueueEmail(db, {
    kind: 'payment_link',
    dedupeKey: `link:${input.link.id}:${input.sequence}`,
    paymentLinkId: input.link.id,
    recipient: input.email,
    recipientRole: 'guest',
    locale: input.locale,
    linkUrl: input.url,
    createdByStaffId: input.actor.type === 'staff' ? input.actor.staffId : null,
  });
  if (!row) {
    // Rolls the whole transaction back: the link must not exist without the e-mail it was made with.
    throw new PaymentError('conflict', 'This link e-mail was queued already; try again');
  }
  return row;
}

/** After the transaction committed: the sender picks the e-mail up within a second, not a tick. */
export async function nudgeSender(): Promise<void> {
  try {
    (await import('@/lib/payments/email/sender')).nudgeEmailSender();
  } catch {
    // No sender in this process (a command-line tool): the running app's schedule sends it.
  }
}

/**
 * Creates a link after checking with Mews that the currency is enabled, the customer exists and the
 * reservation (if any) belongs to that customer.
 */
export async function createPaymentLink(
  ctx: PaymentContext,
  rawInput: PaymentLinkInput,
  origin: PaymentLinkOrigin,
  token: string = generateLinkToken(),
): Promise<CreatedPaymentLink> {
  const parsed = paymentLinkInputSchema.safeParse(rawInput);
  if (!parsed.success) {
    throw new PaymentError(
      'invalid_input',
      parsed.error.issues[0]?.message ?? 'Invalid payment link',
      {
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      },
    );
  }
  const input = parsed.data;
  const collect = input.collect ?? 'payment';
  if (collect === 'hold' && !getConfig().guestPayments.holds) {
    // Refused before Mews is read: a hold link the guest could never complete.
    throw new PaymentError('invalid_input', HOLDS_OFF, { fieldErrors: { collect: [HOLDS_OFF] } });
  }
  let sendTo: { email: string; locale?: Locale } | undefined;
  if (origin.sendTo) {
    const parsedSendTo = sendToSchema.safeParse(origin.sendTo);
    if (!parsedSendTo.success) {
      const message = parsedSendTo.error.issues[0]?.message ?? 'Invalid e-mail address';
      throw new PaymentError('invalid_input', message, {
        fieldErrors: { guestEmail: [message] },
      });
    }
    sendTo = parsedSendTo.data;
  }

  let customer: MewsCustomer | null;
  let reservation: ReservationSummary | null = null;
  let enterpriseName: string | undefined;
  let timeZone = 'UTC';
  try {
    const configuration = await ctx.mews.getConfiguration();
    enterpriseName = configuration.enterprise.name;
    timeZone = configuration.enterprise.timeZone || 'UTC';
    if (!configuration.currencies.enabled.includes(input.currency)) {
      throw new PaymentError(
        'currency_not_enabled',
        `${input.currency} is not enabled for ${configuration.enterprise.name}; enabled: ${configuration.currencies.enabled.join(', ')}`,
      );
    }
    customer = await ctx.mews.getCustomer(input.customerId);
    if (input.reservationId) reservation = await ctx.mews.getReservation(input.reservationId);
  } catch (error) {
    throw paymentErrorFromMews(error, 'Mews could not confirm the customer and currency');
  }
  if (!customer) throw new PaymentError('customer_not_found', 'Mews has no customer with that id');
  if (input.reservationId && reservation?.accountId !== input.customerId) {
    throw new PaymentError('invalid_input', 'The reservation does not belong to this customer', {
      fieldErrors: { reservationId: ['The reservation does not belong to this customer'] },
    });
  }

  const purpose = input.purpose ?? 'deposit';
  if (input.reservationId && !input.allowDuplicate) {
    const siblings = await listSiblingLinks(ctx.db, input.reservationId, purpose, ctx.now());
    const existing = siblings.find((link) => link.state === 'paid') ?? siblings[0];
    if (existing) {
      const message = siblingWarning(existing, reservation?.number ?? null, timeZone);
      throw new PaymentError('conflict', message, {
        fieldErrors: { [origin.duplicateField ?? 'allowDuplicate']: [message] },
      });
    }
  }

  const now = ctx.now().getTime();
  const expiresAt = input.expiresAt
    ? new Date(input.expiresAt)
    : new Date(now + (input.expiresInHours ?? DEFAULT_LINK_LIFETIME_HOURS) * 3_600_000);
  if (
    expiresAt.getTime() <= now ||
    expiresAt.getTime() > now + MAX_LINK_LIFETIME_DAYS * 86_400_000
  ) {
    throw new PaymentError(
      'invalid_input',
      `expiresAt must be in the future and at most ${MAX_LINK_LIFETIME_DAYS} days away`,
      {
        fieldErrors: {
          expiresAt: [`must be in the future and at most ${MAX_LINK_LIFETIME_DAYS} days away`],
        },
      },
    );
  }
  const newLink = {
    tokenHash: hashLinkToken(token),
    mewsCustomerId: input.customerId,
    mewsReservationId: input.reservationId ?? null,
    amountMinor: input.amountMinor,
    currency: input.currency,
    description: input.description,
    expiresAt,
    createdVia: origin.via,
    createdByStaffId: origin.actor.type === 'staff' ? origin.actor.staffId : null,
    createdByApiKeyId: origin.apiKeyId ?? null,
    guestName: customerName(customer),
    reservationNumber: reservation?.number ?? null,
    reservationStart: reservation?.scheduledStart ?? null,
    reservationEnd: reservation?.scheduledEnd ?? null,
    guestDetailsCapturedAt: new Date(now),
    purpose,
    keepOpenWhenSiblingPaid: input.keepOpenWhenSiblingPaid ?? false,
    collect,
  };
  const url = paymentLinkUrl(ctx, token);
  let link: PaymentLink;
  if (sendTo) {
    const email = sendTo.email;
    const locale =
      sendTo.locale ??
      guestLocaleFor(
        customer.languageCode,
        (await getPropertyIdentity(ctx, enterpriseName)).defaultLocale,
      );
    // One transaction: the link and its e-mail exist together or not at all. Everything inside
    // uses `tx`: on PGlite a query on ctx.db would wait for this very transaction to end.
    link = await ctx.db.transaction(async (tx) => {
      const db = tx as unknown as Database;
      const created = await insertPaymentLink(db, {
        ...newLink,
        guestEmail: email,
        guestLocale: locale,
      });
      await queueLinkEmail(db, {
        link: created,
        url,
        email,
        locale,
        sequence: 1,
        actor: origin.actor,
      });
      return created;
    });
    void nudgeSender();
  } else {
    link = await insertPaymentLink(ctx.db, newLink);
  }
  await audit(ctx, origin.actor, {
    action: 'payment_link.created',
    outcome: 'success',
    subjectType: 'payment_link',
    subjectId: link.id,
    amountMinor: link.amountMinor,
    currency: link.currency,
    mewsIds: {
      customerId: link.mewsCustomerId,
      ...(link.mewsReservationId ? { reservationId: link.mewsReservationId } : {}),
    },
    details: {
      via: origin.via,
      description: link.description,
      purpose: link.purpose,
      ...(link.collect === 'hold' ? { collect: 'hold' } : {}),
      ...(link.keepOpenWhenSiblingPaid ? { keepOpenWhenSiblingPaid: true } : {}),
      ...(input.allowDuplicate && input.reservationId ? { duplicateConfirmed: true } : {}),
      // Where the link was e-mailed: an address is not a secret, and staff need to see it.
      ...(link.guestEmail ? { emailedTo: link.guestEmail, emailLocale: link.guestLocale } : {}),
    },
  });
  return { link, token, url };
}

/**
 * The link behind a URL token, with an open link past its expiry moved to `expired` on the way.
 * `undefined` for malformed and unknown tokens alike, so tokens cannot be probed.
 */
export async function findLinkByToken(
  ctx: PaymentContext,
  token: string,
): Promise<PaymentLink | undefined> {
  if (!isWellFormedLinkToken(token)) return undefined;
  const link = await findPaymentLinkByTokenHash(ctx.db, hashLinkToken(token));
  return link && expireIfDue(ctx, link);
}

/** An open link past its expiry, moved to `expired` (or as another request left it). */
export async function expireIfDue(ctx: PaymentContext, link: PaymentLink): Promise<PaymentLink> {
  if (link.state !== 'open' || link.expiresAt.getTime() > ctx.now().getTime()) return link;
  return (
    (await transitionPaymentLink(ctx.db, link.id, ['open'], 'expired')) ??
    (await findPaymentLink(ctx.db, link.id)) ??
    link
  );
}

/** The guest's name as the pay page greets them: first and last name as Mews has them. */
export function customerName(
  customer: Pick<MewsCustomer, 'firstName' | 'lastName'> | null,
): string | null {
  if (!customer) return null;
  return [customer.firstName, customer.lastName].filter(Boolean).join(' ') || null;
}

/** Refuses to start a payment on a link that cannot take one, with the reason. */
export function assertLinkPayable(
  link: PaymentLink | undefined,
  now: Date,
): asserts link is PaymentLink {
  if (!link) throw new PaymentError('link_not_found', 'This payment link does not exist');
  if (link.state === 'paid')
    throw new PaymentError('link_paid', 'This payment link has already been paid');
  if (link.state === 'canceled')
    throw new PaymentError('link_canceled', 'This payment link was canceled by the hotel');
  if (link.state === 'expired' || link.expiresAt.getTime() <= now.getTime()) {
    throw new PaymentError('link_expired', 'This payment link has expired');
  }
  if (link.state === 'processing') {
    throw new PaymentError('payment_in_progress', 'A payment for this link is already in progress');
  }
}

/** "SBX-1001 already has a paid deposit link of £150.00 (paid 2 Dec)". */
export function siblingWarning(
  link: PaymentLink,
  reservationNumber: string | null,
  timeZone: string,
): string {
  const day = (date: Date) =>
    new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone }).format(date);
  const reservation = reservationNumber ?? link.reservationNumber ?? 'This reservation';
  const amount = formatMoney(link.amountMinor, link.currency.trim(), 'en-GB');
  const purpose = link.purpose === 'other' ? 'payment' : link.purpose;
  const when =
    link.state === 'paid'
      ? `paid ${link.paidAt ? day(link.paidAt) : 'already'}`
      : link.state === 'processing'
        ? 'being paid right now'
        : `expires ${day(link.expiresAt)}`;
  const article = link.state === 'paid' ? 'a paid' : link.state === 'open' ? 'an open' : 'a';
  return `${reservation} already has ${article} ${purpose} link of ${amount} (${when})`;
}

/**
 * Cancels an open (or expired) link. A link being paid or already paid cannot be canceled. A staff
 * cancel can be undone for a minute (`undoCancelPaymentLink`), so the guest's "link canceled"
 * e-mail, queued by the link trigger in the same transaction, waits that minute.
 */
export async function cancelPaymentLink(
  ctx: PaymentContext,
  linkId: string,
  actor: AuditActor,
): Promise<PaymentLink> {
  const at = ctx.now();
  const byStaff = actor.type === 'staff';
  const canceled = await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const row = await cancelLink(db, linkId, {
      reason: actor.type === 'api' ? 'api' : 'staff',
      staffId: byStaff ? actor.staffId : null,
      at,
    });
    if (row && byStaff) {
      await delayLinkCanceledEmail(db, row.id, new Date(at.getTime() + CANCEL_UNDO_MS));
    }
    return row;
  });
  if (!canceled) {
    const link = await findPaymentLink(ctx.db, linkId);
    if (!link) throw new PaymentError('not_found', 'No such payment link');
    throw new PaymentError('conflict', `A ${link.state} payment link cannot be canceled`);
  }
  await audit(ctx, actor, {
    action: 'payment_link.canceled',
    outcome: 'success',
    subjectType: 'payment_link',
    subjectId: canceled.id,
    amountMinor: canceled.amountMinor,
    currency: canceled.currency,
    mewsIds: { customerId: canceled.mewsCustomerId },
    details: { reason: canceled.canceledReason },
  });
  // Its Mews payment request, if the guest had opened the checkout, must not stay payable.
  await cancelCheckoutRequestOfLink(ctx, canceled.id);
  return canceled;
}

/** Until when a canceled link's cancel can be undone, or null when it cannot be. */
export function undoableUntil(link: PaymentLink): Date | null {
  if (link.state !== 'canceled' || link.canceledReason !== 'staff' || !link.canceledAt) return null;
  return new Date(link.canceledAt.getTime() + CANCEL_UNDO_MS);
}

/**
 * "Undo" within a minute of a staff cancel: the link is open again and the guest is never told it
 * was canceled (the delayed e-mail is skipped). Refused after the minute, for a link whose time ran
 * out meanwhile, and when another link of its reservation and purpose was paid meanwhile.
 */
export async function undoCancelPaymentLink(
  ctx: PaymentContext,
  linkId: string,
  actor: AuditActor,
): Promise<PaymentLink> {
  const now = ctx.now();
  const reopened = await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const link = await lockPaymentLink(db, linkId);
    if (!link) throw new PaymentError('not_found', 'No such payment link');
    if (link.state !== 'canceled') {
      throw new PaymentError(
        'conflict',
        `The link is ${link.state}, not canceled: nothing to undo`,
      );
    }
    const until = undoableUntil(link);
    if (!until) {
      throw new PaymentError(
        'conflict',
        link.canceledReason === 'sibling_paid'
          ? 'This link was closed because another link for the reservation was paid; it cannot be reopened'
          : 'Only a cancel made in the back office can be undone',
      );
    }
    if (now.getTime() > until.getTime()) {
      throw new PaymentError(
        'conflict',
        'A cancel can be undone for one minute only; create a new link instead',
      );
    }
    if (link.expiresAt.getTime() <= now.getTime()) {
      throw new PaymentError('conflict', 'The link has expired meanwhile; it stays canceled');
    }
    if (link.mewsReservationId && !link.keepOpenWhenSiblingPaid) {
      const paid = (await listSiblingLinks(db, link.mewsReservationId, link.purpose, now)).find(
        (sibling) => sibling.state === 'paid' && sibling.id !== link.id,
      );
      if (paid) {
        throw new PaymentError(
          'conflict',
          'Another link for this reservation was paid meanwhile; this link stays canceled',
        );
      }
    }
    const { link: row, noticeGone } = await reopenCanceledLink(db, link.id);
    if (noticeGone || !row) {
      throw new PaymentError(
        'conflict',
        'The guest has already been told the link was canceled; create a new link instead',
      );
    }
    await appendAuditEvent(
      db,
      auditEventOf(actor, {
        action: 'payment_link.cancel_undone',
        outcome: 'success',
        subjectType: 'payment_link',
        subjectId: row.id,
        amountMinor: row.amountMinor,
        currency: row.currency,
        mewsIds: { customerId: row.mewsCustomerId },
        details: { canceledAt: link.canceledAt?.toISOString() },
      }),
    );
    return row;
  });
  return reopened;
}
