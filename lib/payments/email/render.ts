import 'server-only';
import { findPaymentAttempt, findSucceededAttemptForLink } from '@/lib/db/payment-attempts';
import { findPaymentLink } from '@/lib/db/payment-links';
import type { EmailOutboxRow, PaymentLink } from '@/lib/db/schema';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import type { MewsConfiguration } from '@/lib/mews';
import { getPropertyIdentity, type PropertyIdentity } from '@/lib/payments/property/identity';
import { paymentReference } from '@/lib/payments/reference';
import type { PaymentContext } from '@/lib/server/context';
import { EMAIL_MESSAGES } from './messages';
import {
  cardLabel,
  formatEmailAmount,
  formatEmailDateTime,
  renderEmailTemplate,
  type EmailBrand,
  type RenderedEmail,
} from './templates';

/**
 * What an outbox row says, rendered once before its first send (the sender stores it, so every
 * retry and "Send again" sends the same words): the facts come from the database as they are at
 * that moment, the look and contact from the Property settings, dates in the hotel's time zone
 * from Mews' configuration.
 */

/** How long Mews keeps a `Verifying` payment for the guest to confirm (Mews help centre, "3DS FAQ"). */
const VERIFICATION_WINDOW_MS = 24 * 60 * 60_000;

export type RenderEmailResult = RenderedEmail | { skip: string };

/**
 * Rendering cannot happen now but will later (Mews' configuration could not be read): the
 * sender treats it as a temporary failure and tries the row again after its back-off.
 */
export class EmailRenderUnavailableError extends Error {
  override name = 'EmailRenderUnavailableError';
  readonly temporary = true;
}

/** The row's language if it is one we write, else the hotel's default. */
export function emailLocaleOf(
  row: Pick<EmailOutboxRow, 'locale'>,
  identity: PropertyIdentity,
): Locale {
  return isLocale(row.locale) ? row.locale : identity.defaultLocale;
}

/** The hotel as an e-mail shows it; the logo made absolute, since mail clients have no origin. */
export function emailBrandOf(identity: PropertyIdentity, appUrl: string): EmailBrand {
  return {
    name: identity.name || 'Hotel',
    color: identity.brandColor,
    textColor: identity.brandTextColor,
    logo: identity.logo
      ? {
          url: `${appUrl.replace(/\/+$/, '')}${identity.logo.url}`,
          width: identity.logo.width,
          height: identity.logo.height,
        }
      : null,
    contact: identity.contact,
  };
}

/**
 * The enterprise time zone. Mews being unreachable (and nothing cached) throws
 * `EmailRenderUnavailableError` rather than falling back to UTC: an expiry or deadline in the wrong
 * zone tells the guest a wrong hour, once and for good (the rendered text is stored), whereas the
 * sender's retry only delays the e-mail by minutes.
 */
async function readConfiguration(ctx: PaymentContext): Promise<MewsConfiguration> {
  try {
    return await ctx.mews.getConfiguration();
  } catch (error) {
    throw new EmailRenderUnavailableError(
      'Mews could not be reached for the hotel’s time zone; the e-mail is tried again later',
      { cause: error },
    );
  }
}

/** An open link a guest can still pay: nothing else gets a link e-mail or a reminder. */
function isPayable(link: PaymentLink, now: Date): boolean {
  return link.state === 'open' && link.expiresAt.getTime() > now.getTime();
}

export async function renderEmail(
  ctx: PaymentContext,
  row: EmailOutboxRow,
): Promise<RenderEmailResult> {
  const link = row.paymentLinkId ? await findPaymentLink(ctx.db, row.paymentLinkId) : undefined;
  if (!link) return { skip: 'The payment link of this e-mail does not exist' };
  const now = ctx.now();

  // Decide first whether there is anything to say, so a skipped row never waits for Mews.
  let attempt;
  switch (row.kind) {
    case 'payment_link':
    case 'reminder':
      if (!isPayable(link, now)) return { skip: `The link is ${link.state}, not open` };
      if (!row.linkUrl) return { skip: 'No link URL was stored with this e-mail' };
      break;
    case 'receipt':
      if (link.state !== 'paid') return { skip: `The link is ${link.state}, not paid` };
      attempt = await findSucceededAttemptForLink(ctx.db, link.id);
      break;
    case 'link_canceled':
      if (link.state !== 'canceled') return { skip: `The link is ${link.state}, not canceled` };
      break;
    case 'verification_pending':
      attempt = row.paymentAttemptId
        ? await findPaymentAttempt(ctx.db, row.paymentAttemptId)
        : undefined;
      // Confirmed (or failed) before the e-mail went: telling the guest to confirm would mislead.
      if (attempt?.state !== 'verifying')
        return { skip: 'The payment is no longer waiting for verification' };
      break;
  }

  const configuration = await readConfiguration(ctx);
  const identity = await getPropertyIdentity(ctx, configuration.enterprise.name);
  const locale = emailLocaleOf(row, identity);
  const timeZone = configuration.enterprise.timeZone || 'UTC';
  const frame = {
    locale,
    messages: EMAIL_MESSAGES[locale],
    brand: emailBrandOf(identity, ctx.appUrl),
  };
  const amount = formatEmailAmount(link.amountMinor, link.currency, locale);
  const common = { ...frame, guestName: link.guestName, description: link.description, amount };
  const at = (moment: Date) => formatEmailDateTime(moment, locale, timeZone);

  switch (row.kind) {
    case 'payment_link':
    case 'reminder':
      return renderEmailTemplate({
        kind: row.kind,
        ...common,
        expiresAt: at(link.expiresAt),
        reservationNumber: link.reservationNumber,
        url: row.linkUrl as string,
      });
    case 'receipt': {
      const paidAt = link.paidAt ?? attempt?.finalizedAt ?? null;
      return renderEmailTemplate({
        kind: 'receipt',
        ...common,
        copyFor: row.recipientRole === 'hotel' ? 'hotel' : 'guest',
        paidAt: paidAt ? at(paidAt) : null,
        method: attempt ? frame.messages.methods[attempt.method] : null,
        card: attempt ? cardLabel(attempt.cardBrand, attempt.cardMasked) : null,
        reservationNumber: link.reservationNumber,
        reference: paymentReference(attempt?.id),
      });
    }
    case 'link_canceled':
      return renderEmailTemplate({
        kind: 'link_canceled',
        ...common,
        siblingPaid: link.canceledReason === 'sibling_paid',
      });
    case 'verification_pending': {
      const since = attempt?.verifyingSince ?? attempt?.updatedAt ?? now;
      return renderEmailTemplate({
        kind: 'verification_pending',
        ...common,
        deadline: at(new Date(since.getTime() + VERIFICATION_WINDOW_MS)),
      });
    }
  }
}
