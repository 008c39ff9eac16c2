import 'server-only';
import { createHash } from 'node:crypto';
import { getConfig } from '@/lib/config';
import { listOutboxEmailsForLink } from '@/lib/db/email-outbox';
import { findSucceededAttemptForLink } from '@/lib/db/payment-attempts';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { MAIL_NOT_SET_UP } from '@/lib/payments/links/schemas';
import { findLinkByToken, nudgeSender } from '@/lib/payments/links/payment-links';
import { getPropertyIdentity } from '@/lib/payments/property/identity';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { enqueueEmail } from './outbox';

/**
 * "E-mail me a receipt" on the guest's receipt page. The link token is the guest's only
 * authority, as on the pay page. Repeated clicks queue one e-mail per address (the dedupe key
 * holds a hash of the address, not the address), and a link's receipt goes to at most
 * `MAX_RECEIPT_ADDRESSES` addresses this way, so the page cannot be used to mail strangers at will.
 */

export const MAX_RECEIPT_ADDRESSES = 3;

export interface ReceiptRequestAnswer {
  /** The address the receipt is (or already was) queued for. */
  email: string;
}

function addressKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex').slice(0, 32);
}

export async function requestReceiptEmail(
  ctx: PaymentContext,
  input: { token: string; email: string },
  requestLocale?: Locale,
): Promise<ReceiptRequestAnswer> {
  if (!getConfig().mail) {
    throw new PaymentError(
      'method_unavailable',
      `${MAIL_NOT_SET_UP}: the receipt cannot be e-mailed`,
    );
  }
  const link = await findLinkByToken(ctx, input.token);
  if (!link) throw new PaymentError('link_not_found', 'This payment link does not exist');
  if (link.state !== 'paid') {
    throw new PaymentError(
      'conflict',
      'A receipt can be e-mailed once the payment has gone through',
      {
        userVisible: true,
      },
    );
  }
  const prefix = `receipt-request:${link.id}:`;
  const dedupeKey = `${prefix}${addressKey(input.email)}`;
  const requested = (await listOutboxEmailsForLink(ctx.db, link.id)).filter((row) =>
    row.dedupeKey.startsWith(prefix),
  );
  if (requested.some((row) => row.dedupeKey === dedupeKey)) return { email: input.email };
  if (requested.length >= MAX_RECEIPT_ADDRESSES) {
    throw new PaymentError(
      'too_many_attempts',
      'The receipt of this payment has been e-mailed to enough addresses. Please contact the hotel.',
      { userVisible: true },
    );
  }
  const attempt = await findSucceededAttemptForLink(ctx.db, link.id);
  const locale =
    requestLocale ??
    (isLocale(link.guestLocale)
      ? link.guestLocale
      : (await getPropertyIdentity(ctx)).defaultLocale);
  await enqueueEmail(ctx.db, {
    kind: 'receipt',
    dedupeKey,
    paymentLinkId: link.id,
    paymentAttemptId: attempt?.id ?? null,
    recipient: input.email,
    recipientRole: 'guest',
    locale,
  });
  void nudgeSender();
  return { email: input.email };
}
