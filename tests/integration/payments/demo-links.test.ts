import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentLinks } from '@/lib/db/schema';
import { hashLinkToken } from '@/lib/payments/links/link-token';
import {
  DEMO_LINK_KEYS,
  ensureDemoLinks,
  fetchDemoLinkDefinitions,
  listDemoLinks,
  type DemoLinkDefinition,
} from '@/lib/payments/links/demo-links';
import type { PaymentContext } from '@/lib/server/context';
import {
  createTestPaymentContext,
  openTestPaymentContext,
  TEST_APP_URL,
} from '../../support/payment-context';
import { SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import type { TestDatabase } from '../../support/test-database';

/**
 * The demo links are made of what the sandbox's control API says (`GET /_sandbox/demo-links`),
 * never of the sandbox's code; their tokens stay derived from the installation secret and the key.
 */

const SECRET = 'demo-links-test-secret-0123456789abcdef';
const NOWHERE = 'http://127.0.0.1:9';

let sandbox: TestSandbox;
let database: TestDatabase;
let ctx: PaymentContext;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ ctx, database } = await openTestPaymentContext({ sandbox }));
});

afterAll(async () => {
  await sandbox?.stop();
  await database?.close();
});

function expectedToken(secret: string, key: string): string {
  return createHmac('sha256', secret).update(`mews-checkout-demo-link:${key}`).digest('base64url');
}

async function linkCount(): Promise<number> {
  return (await database.db.select({ id: paymentLinks.id }).from(paymentLinks)).length;
}

/** A stand-in for the sandbox's control API answering `GET /_sandbox/demo-links` with `body`. */
async function standInControlApi(
  body: unknown,
): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('GET /_sandbox/demo-links', () => {
  it("answers the three demo links, built from the sandbox's seed", async () => {
    const definitions = await fetchDemoLinkDefinitions(sandbox.url);
    expect(definitions.map((definition) => definition.key)).toEqual([...DEMO_LINK_KEYS]);
    expect(definitions).toEqual([
      {
        key: 'alice-gbp-deposit',
        customerId: SEED.customers.alice.id,
        reservationId: SEED.reservations.aliceLondon.id,
        amountMinor: 15_000,
        currency: 'GBP',
        description: 'Deposit for reservation SBX-1001 (3 nights)',
      },
      {
        key: 'bob-eur-deposit',
        customerId: SEED.customers.bob.id,
        reservationId: SEED.reservations.bobLondonEur.id,
        amountMinor: 24_050,
        currency: 'EUR',
        description: 'Deposit for reservation SBX-1002 (card)',
      },
      {
        key: 'dan-gbp-prepayment',
        customerId: SEED.customers.dan.id,
        reservationId: null,
        amountMinor: 4_999,
        currency: 'GBP',
        description: 'Prepayment for a late check-out',
      },
    ]);
  });
});

describe('ensureDemoLinks and listDemoLinks', () => {
  it("creates each demo link from the sandbox's answer, with the token derived from the secret and the key", async () => {
    const answer = await fetchDemoLinkDefinitions(sandbox.url);
    const before = await linkCount();
    const links = await ensureDemoLinks(ctx, SECRET, sandbox.url);
    expect(await linkCount()).toBe(before + 3);

    expect(links.map((demo) => demo.key)).toEqual([...DEMO_LINK_KEYS]);
    for (const demo of links) {
      const definition = answer.find(
        (candidate) => candidate.key === demo.key,
      ) as DemoLinkDefinition;
      const token = expectedToken(SECRET, demo.key);
      expect(demo.url).toBe(`${TEST_APP_URL}/pay/${token}`);
      expect(demo.link).toMatchObject({
        tokenHash: hashLinkToken(token),
        mewsCustomerId: definition.customerId,
        mewsReservationId: definition.reservationId,
        amountMinor: definition.amountMinor,
        currency: definition.currency,
        description: definition.description,
        createdVia: 'seed',
        state: 'open',
      });
      // Ninety days, as before.
      const lifetimeHours =
        (demo.link!.expiresAt.getTime() - demo.link!.createdAt.getTime()) / 3_600_000;
      expect(Math.round(lifetimeHours)).toBe(90 * 24);
    }
  });

  it('finds the same links after a restart without creating any or asking the sandbox', async () => {
    const first = await ensureDemoLinks(ctx, SECRET, sandbox.url);
    const before = await linkCount();
    // All exist: the sandbox is not asked (an address nothing listens on would fail the call).
    const again = await ensureDemoLinks(ctx, SECRET, NOWHERE);
    expect(await linkCount()).toBe(before);
    expect(again.map((demo) => demo.link?.id)).toEqual(first.map((demo) => demo.link?.id));
    expect(again.every((demo) => demo.link)).toBe(true);
  });

  it('lists the demo links for the landing page from the database alone (no sandbox, no Mews)', async () => {
    const created = await ensureDemoLinks(ctx, SECRET, sandbox.url);
    const offline = createTestPaymentContext(database); // a Mews client that rejects every call
    const listed = await listDemoLinks(offline, SECRET);
    expect(listed.map(({ key, url, link }) => ({ key, url, id: link?.id }))).toEqual(
      created.map(({ key, url, link }) => ({ key, url, id: link?.id })),
    );
    // Another installation's secret has none of them.
    expect(
      (await listDemoLinks(offline, 'another-installation-secret-0123456789')).every(
        (demo) => !demo.link,
      ),
    ).toBe(true);
  });

  it('takes the amount, currency and description from whatever the sandbox answers', async () => {
    const standIn = await standInControlApi({
      links: [
        {
          key: 'dan-gbp-prepayment',
          customerId: SEED.customers.dan.id,
          reservationId: null,
          amountMinor: 1_234,
          currency: 'EUR',
          description: 'Said by the stand-in sandbox',
        },
      ],
    });
    try {
      const secret = 'stand-in-installation-secret-0123456789';
      const links = await ensureDemoLinks(ctx, secret, standIn.url);
      expect(standIn.requests).toEqual(['GET /_sandbox/demo-links']);
      const dan = links.find((demo) => demo.key === 'dan-gbp-prepayment');
      expect(dan?.link).toMatchObject({
        tokenHash: hashLinkToken(expectedToken(secret, 'dan-gbp-prepayment')),
        mewsCustomerId: SEED.customers.dan.id,
        amountMinor: 1_234,
        currency: 'EUR',
        description: 'Said by the stand-in sandbox',
      });
      // Keys the sandbox did not define are left uncreated.
      expect(links.filter((demo) => demo.link).map((demo) => demo.key)).toEqual([
        'dan-gbp-prepayment',
      ]);
    } finally {
      await standIn.close();
    }
  });

  it('refuses an answer that is not a list of demo links and creates nothing', async () => {
    const standIn = await standInControlApi({
      links: [
        {
          key: 'mallory',
          customerId: 'not-a-uuid',
          reservationId: null,
          amountMinor: -1,
          currency: 'gbp',
          description: '',
        },
      ],
    });
    try {
      const before = await linkCount();
      await expect(
        ensureDemoLinks(ctx, 'refused-installation-secret-0123456789', standIn.url),
      ).rejects.toThrow(/unexpected demo links/);
      expect(await linkCount()).toBe(before);
    } finally {
      await standIn.close();
    }
  });
});
