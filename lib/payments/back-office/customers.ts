import 'server-only';
import { threeMonthsBefore, type MewsCustomer, type StoredCard } from '@/lib/mews';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError, paymentErrorFromMews } from '@/lib/server/errors';
import type { Locale } from '@/lib/i18n/locales';
import { enterpriseConfiguration } from '@/lib/payments/staff/common';
import { guestLocaleFor } from '@/lib/payments/email/link-email';
import { getPropertyIdentity } from '@/lib/payments/property/identity';
import { listLinks, mailConfigured, type LinkRow } from './links';
import { listPayments, type PaymentRow } from './payments';

/** Customers in the back office: search in Mews, and one customer's cards, payments (ours and Mews') and links. */

export interface CustomerSummary {
  id: string;
  number: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  /** Mews' language code for the customer (e.g. `nl-NL`), when known. */
  languageCode: string | null;
}

function toCustomerSummary(customer: MewsCustomer): CustomerSummary {
  return {
    id: customer.id,
    number: customer.number,
    name: [customer.firstName, customer.lastName].filter(Boolean).join(' '),
    email: customer.email,
    phone: customer.phone,
    languageCode: customer.languageCode ?? null,
  };
}

/** By email when the query has an @, otherwise by last name ("First Last" also narrows by first name). */
export async function searchCustomers(
  ctx: PaymentContext,
  query: string,
): Promise<CustomerSummary[]> {
  const text = query.trim();
  const words = text.split(/\s+/);
  const search = text.includes('@')
    ? { email: text }
    : words.length > 1
      ? { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1) }
      : { lastName: text };
  try {
    let found = await ctx.mews.findCustomers(search);
    if (found.length === 0 && words.length > 1 && !text.includes('@')) {
      // "van der Berg": the whole text may be the last name.
      found = await ctx.mews.findCustomers({ lastName: text });
    }
    return found.slice(0, 50).map(toCustomerSummary);
  } catch (error) {
    throw paymentErrorFromMews(error, 'Mews could not search customers');
  }
}

export interface StoredCardView {
  id: string;
  brand: string | null;
  obfuscatedNumber: string | null;
  expiration: string | null;
  kind: StoredCard['kind'];
  chargeable: boolean;
}

/** A payment as Mews records it for the customer, whoever took it (this app, the PMS, another integration). */
export interface MewsPaymentRow {
  id: string;
  createdAt: string;
  amountMinor: number;
  currency: string;
  direction: 'incoming' | 'outgoing';
  state: string;
  method: string;
  /** Taken through Mews Checkout (our attempt id is in its notes). */
  viaCheckout: boolean;
}

export interface CustomerDetail {
  customer: CustomerSummary;
  cards: StoredCardView[];
  cardsError: string | null;
  payments: PaymentRow[];
  /** Everything Mews has for the customer in the last three months (the filter's longest window). */
  mewsPayments: MewsPaymentRow[];
  mewsPaymentsError: string | null;
  links: LinkRow[];
  currencies: string[];
  defaultCurrency: string | null;
  externalPaymentTypes: string[];
  cardStorage: { merchantId: string } | null;
  /**
   * What the link form's "E-mail the link to the guest" starts with: whether e-mail is set up at
   * all (SMTP_URL), the customer's address and their language as the e-mails speak it (the
   * customer's Mews language, else the hotel's default language).
   */
  linkEmail: { mailConfigured: boolean; email: string | null; locale: Locale };
}

export async function customerDetail(
  ctx: PaymentContext,
  customerId: string,
): Promise<CustomerDetail> {
  let customer: MewsCustomer | null;
  try {
    customer = await ctx.mews.getCustomer(customerId);
  } catch (error) {
    throw paymentErrorFromMews(error, 'Mews could not load the customer');
  }
  if (!customer) throw new PaymentError('customer_not_found', 'Mews has no customer with that id');
  const configuration = await enterpriseConfiguration(ctx);
  let cards: StoredCardView[] = [];
  let cardsError: string | null = null;
  try {
    cards = (await ctx.mews.listCreditCards(customerId))
      .filter((card) => card.isActive)
      .map((card) => ({
        id: card.id,
        brand: card.brand,
        obfuscatedNumber: card.obfuscatedNumber,
        expiration: card.expiration
          ? `${String(card.expiration.month).padStart(2, '0')}/${card.expiration.year}`
          : null,
        kind: card.kind,
        chargeable: card.chargeable,
      }));
  } catch (error) {
    cardsError = paymentErrorFromMews(error).message;
  }
  let mewsPayments: MewsPaymentRow[] = [];
  let mewsPaymentsError: string | null = null;
  try {
    const end = new Date(ctx.now().getTime() + 60_000);
    // Three months as Mews counts them: a fixed 90 days is longer than that from 2 to 29 May.
    const start = threeMonthsBefore(end);
    mewsPayments = (
      await ctx.mews.getPayments({ accountIds: [customerId], createdBetween: { start, end } })
    )
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((payment) => ({
        id: payment.id,
        createdAt: payment.createdAt.toISOString(),
        amountMinor: payment.amount.amountMinor,
        currency: payment.amount.currency,
        direction: payment.direction,
        state: payment.state,
        method: payment.alternativeMethod ?? payment.externalType ?? payment.method,
        viaCheckout: payment.attemptId !== null,
      }));
  } catch (error) {
    mewsPaymentsError = paymentErrorFromMews(error).message;
  }
  const identity = await getPropertyIdentity(ctx, configuration.enterprise.name);
  return {
    customer: toCustomerSummary(customer),
    cards,
    cardsError,
    payments: await listPayments(ctx, { customerId }, 100),
    mewsPayments,
    mewsPaymentsError,
    links: await listLinks(ctx, { customerId }),
    currencies: configuration.currencies.enabled,
    defaultCurrency: configuration.currencies.default,
    externalPaymentTypes: configuration.enabledExternalPaymentTypes,
    cardStorage: configuration.cardStorage
      ? { merchantId: configuration.cardStorage.publicKey }
      : null,
    linkEmail: {
      mailConfigured: mailConfigured(),
      email: customer.email,
      locale: guestLocaleFor(customer.languageCode ?? null, identity.defaultLocale),
    },
  };
}
