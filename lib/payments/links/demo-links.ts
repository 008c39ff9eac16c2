import 'server-only';
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { findPaymentLinkByTokenHash } from '@/lib/db/payment-links';
import type { PaymentLink } from '@/lib/db/schema';
import type { PaymentContext } from '@/lib/server/context';
import { hashLinkToken } from './link-token';
import { createPaymentLink, paymentLinkUrl } from './payment-links';

/**
 * Demo payment links for the offline sandbox, so someone trying Mews Checkout can pay a deposit
 * within a minute of `npm start`. What they are made of (customer, reservation, amount, currency,
 * description) is the sandbox's to say, read from its control API (`GET /_sandbox/demo-links`), so
 * the sandbox's seed never becomes part of the app. Their keys are fixed here and their tokens
 * derived from the installation's secret, so the same links come back after a restart and the
 * landing page can list them from the database alone, whether the sandbox is up or not.
 */
export const DEMO_LINK_KEYS = [
  'alice-gbp-deposit',
  'bob-eur-deposit',
  'dan-gbp-prepayment',
] as const;
export type DemoLinkKey = (typeof DEMO_LINK_KEYS)[number];

const DEMO_LINK_LIFETIME_HOURS = 90 * 24;
const SANDBOX_ANSWER_TIMEOUT_MS = 5_000;

/** The sandbox's answer; createPaymentLink checks the values again, and Mews checks the ids. */
const demoLinksAnswerSchema = z.object({
  links: z
    .array(
      z.object({
        key: z.enum(DEMO_LINK_KEYS),
        customerId: z.uuid(),
        reservationId: z.uuid().nullable(),
        amountMinor: z.number().int().positive(),
        currency: z.string().regex(/^[A-Z]{3}$/),
        description: z.string().min(1).max(200),
      }),
    )
    .refine(
      (links) => new Set(links.map((link) => link.key)).size === links.length,
      'each key once',
    ),
});

export type DemoLinkDefinition = z.infer<typeof demoLinksAnswerSchema>['links'][number];

export interface DemoLink {
  key: DemoLinkKey;
  url: string;
  link: PaymentLink | undefined;
}

function demoToken(secret: string, key: DemoLinkKey): string {
  return createHmac('sha256', secret).update(`mews-checkout-demo-link:${key}`).digest('base64url');
}

/**
 * Asks the sandbox at `sandboxUrl` (the configured Mews platform URL in sandbox mode) what the
 * demo links are made of. This is the sandbox's control API, not the Connector API, hence a plain
 * fetch here rather than lib/mews.
 */
export async function fetchDemoLinkDefinitions(sandboxUrl: string): Promise<DemoLinkDefinition[]> {
  const endpoint = `${sandboxUrl.replace(/\/+$/, '')}/_sandbox/demo-links`;
  const response = await fetch(endpoint, {
    headers: { Accept: 'application/json' },
    signal: AbortSignal.timeout(SANDBOX_ANSWER_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`GET ${endpoint} answered ${response.status}`);
  const parsed = demoLinksAnswerSchema.safeParse(await response.json());
  if (!parsed.success) {
    throw new Error(
      `GET ${endpoint} answered unexpected demo links: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data.links;
}

async function findDemoLinks(
  ctx: PaymentContext,
  secret: string,
): Promise<Array<DemoLink & { token: string }>> {
  return Promise.all(
    DEMO_LINK_KEYS.map(async (key) => {
      const token = demoToken(secret, key);
      return {
        key,
        token,
        url: paymentLinkUrl(ctx, token),
        link: await findPaymentLinkByTokenHash(ctx.db, hashLinkToken(token)),
      };
    }),
  );
}

/**
 * Creates the demo links that do not exist yet, from the definitions the sandbox at `sandboxUrl`
 * gives; asks it only when one is missing. Only called in sandbox mode.
 */
export async function ensureDemoLinks(
  ctx: PaymentContext,
  secret: string,
  sandboxUrl: string,
): Promise<DemoLink[]> {
  const found = await findDemoLinks(ctx, secret);
  const definitions = found.some(({ link }) => !link)
    ? await fetchDemoLinkDefinitions(sandboxUrl)
    : [];
  const result: DemoLink[] = [];
  for (const { key, token, url, link: existing } of found) {
    let link = existing;
    const definition = definitions.find((candidate) => candidate.key === key);
    if (!link && definition) {
      const { key: _key, ...input } = definition;
      link = (
        await createPaymentLink(
          ctx,
          // Demo links come back after a restart whatever staff made for the same reservation.
          { ...input, expiresInHours: DEMO_LINK_LIFETIME_HOURS, allowDuplicate: true },
          { via: 'seed', actor: { type: 'system' } },
          token,
        )
      ).link;
    }
    result.push({ key, url, link });
  }
  return result;
}

/** The demo links as they stand now, for the landing page: from the database alone. */
export async function listDemoLinks(ctx: PaymentContext, secret: string): Promise<DemoLink[]> {
  return (await findDemoLinks(ctx, secret)).map(({ key, url, link }) => ({ key, url, link }));
}
