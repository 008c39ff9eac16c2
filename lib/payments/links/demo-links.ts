import 'server-only';
import { createHmac } from 'node:crypto';
import { findPaymentLinkByTokenHash } from '@/lib/db/payment-links';
import type { PaymentLink } from '@/lib/db/schema';
import { SEED } from '@/sandbox/seed';
import type { PaymentContext } from '@/lib/server/context';
import { hashLinkToken } from './link-token';
import { createPaymentLink, paymentLinkUrl, type PaymentLinkInput } from './payment-links';

/**
 * Demo payment links for the offline sandbox, so someone trying Mews Checkout can pay a deposit
 * within a minute of `npm start`. They point at the sandbox's published seed customers and
 * reservations; their tokens are derived from the installation's secret, so the same links come
 * back after a restart and the landing page can list them.
 */
const DEMO_LINKS: readonly (PaymentLinkInput & { key: string })[] = [
  {
    key: 'alice-gbp-deposit',
    customerId: SEED.customers.alice.id,
    reservationId: SEED.reservations.aliceLondon.id,
    amountMinor: 15_000,
    currency: 'GBP',
    description: 'Deposit for reservation SBX-1001 (3 nights)',
    expiresInHours: 90 * 24,
  },
  {
    key: 'bob-eur-deposit',
    customerId: SEED.customers.bob.id,
    reservationId: SEED.reservations.bobLondonEur.id,
    amountMinor: 24_050,
    currency: 'EUR',
    description: 'Deposit for reservation SBX-1002 (card or iDEAL)',
    expiresInHours: 90 * 24,
  },
  {
    key: 'dan-gbp-prepayment',
    customerId: SEED.customers.dan.id,
    amountMinor: 4_999,
    currency: 'GBP',
    description: 'Prepayment for a late check-out',
    expiresInHours: 90 * 24,
  },
];

export interface DemoLink {
  key: string;
  url: string;
  link: PaymentLink | undefined;
}

function demoToken(secret: string, key: string): string {
  return createHmac('sha256', secret).update(`mews-checkout-demo-link:${key}`).digest('base64url');
}

/** Creates the demo links that do not exist yet. Only called in sandbox mode. */
export async function ensureDemoLinks(ctx: PaymentContext, secret: string): Promise<DemoLink[]> {
  const result: DemoLink[] = [];
  for (const { key, ...input } of DEMO_LINKS) {
    const token = demoToken(secret, key);
    let link = await findPaymentLinkByTokenHash(ctx.db, hashLinkToken(token));
    if (!link) {
      link = (await createPaymentLink(ctx, input, { via: 'seed', actor: { type: 'system' } }, token)).link;
    }
    result.push({ key, url: paymentLinkUrl(ctx, token), link });
  }
  return result;
}

/** The demo links as they stand now, for the landing page. */
export async function listDemoLinks(ctx: PaymentContext, secret: string): Promise<DemoLink[]> {
  return Promise.all(
    DEMO_LINKS.map(async ({ key }) => {
      const token = demoToken(secret, key);
      return { key, url: paymentLinkUrl(ctx, token), link: await findPaymentLinkByTokenHash(ctx.db, hashLinkToken(token)) };
    }),
  );
}
