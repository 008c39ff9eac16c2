import 'server-only';
import { listOutboxEmailsForLink } from '@/lib/db/email-outbox';
import type { Database } from '@/lib/db';
import {
  findPaymentLink,
  rotatePaymentLinkToken,
  setPaymentLinkGuestEmail,
} from '@/lib/db/payment-links';
import type { EmailOutboxRow, PaymentLink } from '@/lib/db/schema';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { generateLinkToken, hashLinkToken } from '@/lib/payments/links/link-token';
import { nudgeSender, paymentLinkUrl, queueLinkEmail } from '@/lib/payments/links/payment-links';
import { getPropertyIdentity } from '@/lib/payments/property/identity';
import { audit, type AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { guestLocaleFor } from './messages';
import { EmailNotResendableError, resendEmail } from './outbox';
import { sendToSchema, type SendTo } from './schemas';
import { isResendable, toEmailSummary, type EmailSummary } from './types';

export { guestLocaleFor } from './messages';

/**
 * "Send to guest" from the links list. The link's URL is known only where it was e-mailed before
 * (the link row keeps the token's hash, never the token), so:
 * - a link e-mailed before: its latest link e-mail is sent again (the stored message through
 *   "Send again", or, for another language or one not yet written, a new e-mail with the same
 *   stored URL). Staff never see the URL either way.
 * - a link never e-mailed: it gets a new token, and the e-mail carries the new URL. The URL shown
 *   when the link was made stops working, so only while the link is open and nobody is paying it.
 * The guest's address (and language) is stored on the link for its reminders and receipt.
 */

export interface SentLinkEmail {
  email: EmailSummary;
  /** The link got a new token: the URL given out before no longer works (the UI says so). */
  rotated: boolean;
}

/** The latest link e-mail with a URL: the link's current URL (a new token is e-mailed at once). */
function latestLinkEmail(rows: EmailOutboxRow[]): EmailOutboxRow | undefined {
  return rows.filter((row) => row.kind === 'payment_link' && row.linkUrl).at(-1);
}

function assertStillPayable(link: PaymentLink, now: Date): void {
  if (link.state === 'processing') {
    throw new PaymentError('conflict', 'The guest is paying this link right now');
  }
  if (link.state !== 'open' || link.expiresAt.getTime() <= now.getTime()) {
    const state = link.state === 'open' ? 'expired' : link.state;
    throw new PaymentError('conflict', `A ${state} link cannot be sent`);
  }
}

async function localeFor(ctx: PaymentContext, link: PaymentLink, asked?: Locale): Promise<Locale> {
  if (asked) return asked;
  if (isLocale(link.guestLocale)) return link.guestLocale;
  // The Mews customer's language where known; Mews away is no reason not to send.
  const customer = await ctx.mews.getCustomer(link.mewsCustomerId).catch(() => null);
  return guestLocaleFor(customer?.languageCode, (await getPropertyIdentity(ctx)).defaultLocale);
}

export async function sendLinkToGuest(
  ctx: PaymentContext,
  linkId: string,
  to: SendTo,
  actor: AuditActor,
): Promise<SentLinkEmail> {
  const parsed = sendToSchema.safeParse(to);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Invalid e-mail address';
    throw new PaymentError('invalid_input', message, { fieldErrors: { email: [message] } });
  }
  const { email } = parsed.data;
  const link = await findPaymentLink(ctx.db, linkId);
  if (!link) throw new PaymentError('not_found', 'No such payment link');
  const now = ctx.now();
  assertStillPayable(link, now);
  const locale = await localeFor(ctx, link, parsed.data.locale);
  const rows = await listOutboxEmailsForLink(ctx.db, link.id);
  const latest = latestLinkEmail(rows);
  const sequence = rows.filter((row) => row.kind === 'payment_link').length + 1;

  let sent: EmailOutboxRow;
  let rotated = false;
  if (latest && latest.recipient === email && !isResendable(latest) && latest.state !== 'skipped') {
    // The same e-mail to the same address is still on its way: nothing to add.
    sent = latest;
  } else if (latest && isResendable(latest) && latest.locale === locale) {
    try {
      sent = await resendEmail(ctx, latest.id, { recipient: email, actor });
    } catch (error) {
      if (error instanceof EmailNotResendableError) {
        throw new PaymentError('conflict', error.message, { userVisible: true });
      }
      throw error;
    }
    await setPaymentLinkGuestEmail(ctx.db, link.id, { email, locale });
  } else if (latest) {
    // Another language, or not written yet: a new e-mail with the URL stored in the last one.
    const linkUrl = latest.linkUrl as string;
    sent = await ctx.db.transaction(async (tx) => {
      const db = tx as unknown as Database;
      const updated = await setPaymentLinkGuestEmail(db, link.id, { email, locale });
      return queueLinkEmail(db, {
        link: updated ?? link,
        url: linkUrl,
        email,
        locale,
        sequence,
        actor,
      });
    });
    void nudgeSender();
  } else {
    const token = generateLinkToken();
    const url = paymentLinkUrl(ctx, token);
    sent = await ctx.db.transaction(async (tx) => {
      const db = tx as unknown as Database;
      const updated = await rotatePaymentLinkToken(db, link.id, {
        tokenHash: hashLinkToken(token),
        guestEmail: email,
        guestLocale: locale,
        now,
      });
      if (!updated) {
        throw new PaymentError(
          'conflict',
          'The link is no longer open, or the guest is paying it: it was not sent',
        );
      }
      return queueLinkEmail(db, { link: updated, url, email, locale, sequence, actor });
    });
    rotated = true;
    void nudgeSender();
  }

  await audit(ctx, actor, {
    action: 'payment_link.sent',
    outcome: 'success',
    subjectType: 'payment_link',
    subjectId: link.id,
    amountMinor: link.amountMinor,
    currency: link.currency,
    mewsIds: { customerId: link.mewsCustomerId },
    details: { emailedTo: email, locale, rotated, emailId: sent.id },
  });
  return { email: toEmailSummary(sent), rotated };
}
