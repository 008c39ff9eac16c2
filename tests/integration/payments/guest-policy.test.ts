import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findLatestAttemptForLink, findPaymentAttempt } from '@/lib/db/payment-attempts';
import { propertyPolicyVersions, propertyProfile } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { getGuestCheckoutView } from '@/lib/payments/guest/checkout-view';
import { payLinkWithCard, payLinkWithIdeal } from '@/lib/payments/guest/pay-link';
import { policyAcceptanceOf } from '@/lib/payments/guest/policy';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import { forgetPropertyIdentity } from '@/lib/payments/property/identity';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { enableIdealForTests } from '../../support/alternative-methods';
import { guestCardInput, tokenizeTestCard } from '../../support/card-input';
import { createTestPaymentContext } from '../../support/payment-context';
import { SANDBOX_TOKENS, SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

/**
 * The hotel's deposit policy on the pay page. When the hotel requires it, no payment starts (no
 * attempt written, nothing sent to Mews) until the guest accepted the version the hotel shows now,
 * and the attempt keeps what was accepted: the version, when (our clock) and in which language the
 * guest read it. A policy that is only shown stores nothing. The same for cards and for iDEAL.
 */

const SCRIPT_URL = 'http://sandbox.test/secure-fields.js';
const alice = SEED.customers.alice;
const bram = SEED.customers.bram;

const POLICY_TEXTS = {
  en: 'The deposit is refundable until 48 hours before arrival.',
  nl: 'De aanbetaling wordt tot 48 uur voor aankomst terugbetaald.',
};

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox?.stop();
});

describe.each(testDatabaseTargets)('the deposit policy on $label', ({ open }) => {
  let database: TestDatabase;
  let london: PaymentContext;
  let amsterdam: PaymentContext;
  let nextVersion = 1;

  beforeAll(async () => {
    database = await open();
    london = createTestPaymentContext(database, {
      sandbox,
      client: { accessToken: SANDBOX_TOKENS.gross },
    });
    amsterdam = createTestPaymentContext(database, {
      sandbox,
      client: { accessToken: SANDBOX_TOKENS.dutch, timeouts: { 'payments/addAlternative': 2_000 } },
    });
    await enableIdealForTests(amsterdam);
  });

  afterAll(async () => {
    forgetPropertyIdentity();
    await database?.close();
  });

  beforeEach(() => forgetPropertyIdentity());

  /** Publishes a new policy version, as the Property settings page does; returns its number. */
  async function publishPolicy(
    required: boolean,
    texts: Record<string, string> = POLICY_TEXTS,
  ): Promise<number> {
    const version = nextVersion++;
    await database.db
      .insert(propertyPolicyVersions)
      .values({ version, texts, defaultLocale: 'en' });
    await database.db
      .insert(propertyProfile)
      .values({
        id: 1,
        displayName: 'Hotel Aurora',
        policyVersion: version,
        policyRequired: required,
      })
      .onConflictDoUpdate({
        target: propertyProfile.id,
        set: { displayName: 'Hotel Aurora', policyVersion: version, policyRequired: required },
      });
    forgetPropertyIdentity();
    return version;
  }

  async function newLink(ctx: PaymentContext, currency: 'GBP' | 'EUR') {
    return createPaymentLink(
      ctx,
      {
        customerId: currency === 'GBP' ? alice.id : bram.id,
        amountMinor: 12_000 + Math.floor(Math.random() * 5_000),
        currency,
        description: 'Deposit',
      },
      { via: 'cli', actor: { type: 'system' } },
    );
  }

  async function payByCard(
    token: string,
    answer: { policyAccepted?: boolean; policyVersion?: number },
    guestLocale: Locale = 'en',
    idempotencyKey = randomUUID(),
  ) {
    const card = await tokenizeTestCard(sandbox, '4242424242424242');
    return payLinkWithCard(
      london,
      { ...guestCardInput(token, card, idempotencyKey), ...answer },
      '203.0.113.40',
      { guestLocale },
    );
  }

  async function chargesOf(attemptId: string) {
    const charges = await sandbox.control.requests('creditCards/charge');
    return charges.filter((entry) => JSON.stringify(entry.request).includes(attemptId));
  }

  it('refuses a card payment until the required policy is accepted: no attempt, nothing sent', async () => {
    await publishPolicy(true);
    const { link, token } = await newLink(london, 'GBP');
    const chargesBefore = (await sandbox.control.requests('creditCards/charge')).length;

    for (const answer of [{}, { policyAccepted: false, policyVersion: nextVersion - 1 }]) {
      const refusal = await payByCard(token, answer).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(PaymentError);
      expect(refusal).toMatchObject({
        userVisible: true,
        options: { fieldErrors: { policy: ['policy_not_accepted'] } },
      });
    }
    expect(await findLatestAttemptForLink(database.db, link.id)).toBeUndefined();
    expect(await sandbox.control.requests('creditCards/charge')).toHaveLength(chargesBefore);
  });

  it('refuses an acceptance of a policy that has changed since, and the guest may accept the new one', async () => {
    const old = await publishPolicy(true);
    const { link, token } = await newLink(london, 'GBP');
    const current = await publishPolicy(true, {
      en: 'The deposit is no longer refundable.',
    });

    await expect(
      payByCard(token, { policyAccepted: true, policyVersion: old }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/changed.*read the updated policy/i),
      options: { fieldErrors: { policy: ['policy_changed'] } },
    });
    expect(await findLatestAttemptForLink(database.db, link.id)).toBeUndefined();

    const paid = await payByCard(token, { policyAccepted: true, policyVersion: current });
    expect(paid.state).toBe('succeeded');
    expect(await chargesOf(paid.attemptId)).toHaveLength(1);
  });

  it('stores the accepted version, our time and the language of the text the guest read', async () => {
    const version = await publishPolicy(true);
    const { token } = await newLink(london, 'GBP');
    const before = Date.now();
    const paid = await payByCard(token, { policyAccepted: true, policyVersion: version }, 'nl');
    const after = Date.now();
    expect(paid.state).toBe('succeeded');
    expect(await chargesOf(paid.attemptId)).toHaveLength(1);

    const attempt = await findPaymentAttempt(database.db, paid.attemptId);
    const acceptance = policyAcceptanceOf(attempt!);
    expect(acceptance).toMatchObject({ version, locale: 'nl' });
    expect(acceptance!.acceptedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(acceptance!.acceptedAt.getTime()).toBeLessThanOrEqual(after + 1);

    // A guest reading in Czech was shown the hotel's default language: that is what is stored.
    const second = await newLink(london, 'GBP');
    const czech = await payByCard(
      second.token,
      { policyAccepted: true, policyVersion: version },
      'cs',
    );
    expect(
      policyAcceptanceOf((await findPaymentAttempt(database.db, czech.attemptId))!),
    ).toMatchObject({ version, locale: 'en' });
  });

  it('answers the replay of an accepted payment with its attempt, even after the policy changed', async () => {
    const version = await publishPolicy(true);
    const { token } = await newLink(london, 'GBP');
    const key = randomUUID();
    const first = await payByCard(
      token,
      { policyAccepted: true, policyVersion: version },
      'en',
      key,
    );
    await publishPolicy(true);
    const replay = await payByCard(
      token,
      { policyAccepted: true, policyVersion: version },
      'en',
      key,
    );
    expect(replay.attemptId).toBe(first.attemptId);
    expect(await chargesOf(first.attemptId)).toHaveLength(1);
  });

  it('stores nothing when the policy is shown but not required', async () => {
    const version = await publishPolicy(false);
    const { token } = await newLink(london, 'GBP');
    const unticked = await payByCard(token, {});
    expect(unticked.state).toBe('succeeded');
    const attempt = await findPaymentAttempt(database.db, unticked.attemptId);
    expect(attempt).toMatchObject({
      policyVersion: null,
      policyAcceptedAt: null,
      policyLocale: null,
    });
    expect(policyAcceptanceOf(attempt!)).toBeNull();

    // Ticked anyway (the page shows no box then, but a request may say so): still nothing stored.
    const second = await newLink(london, 'GBP');
    const ticked = await payByCard(second.token, { policyAccepted: true, policyVersion: version });
    expect(
      policyAcceptanceOf((await findPaymentAttempt(database.db, ticked.attemptId))!),
    ).toBeNull();
  });

  it('holds iDEAL to the same rule and stores the acceptance before the guest goes to the bank', async () => {
    const version = await publishPolicy(true);
    const { link, token } = await newLink(amsterdam, 'EUR');
    const startsBefore = (await sandbox.control.requests('payments/addAlternative')).length;

    await expect(
      payLinkWithIdeal(amsterdam, { token, idempotencyKey: randomUUID() }, null, {
        guestLocale: 'nl',
      }),
    ).rejects.toMatchObject({ options: { fieldErrors: { policy: ['policy_not_accepted'] } } });
    await expect(
      payLinkWithIdeal(
        amsterdam,
        { token, idempotencyKey: randomUUID(), policyAccepted: true, policyVersion: version + 7 },
        null,
        { guestLocale: 'nl' },
      ),
    ).rejects.toMatchObject({ options: { fieldErrors: { policy: ['policy_changed'] } } });
    expect(await findLatestAttemptForLink(database.db, link.id)).toBeUndefined();
    expect(await sandbox.control.requests('payments/addAlternative')).toHaveLength(startsBefore);

    const started = await payLinkWithIdeal(
      amsterdam,
      { token, idempotencyKey: randomUUID(), policyAccepted: true, policyVersion: version },
      null,
      { guestLocale: 'nl' },
    );
    expect(started).toMatchObject({ state: 'pending', redirectUrl: expect.any(String) });
    expect(
      policyAcceptanceOf((await findPaymentAttempt(database.db, started.attemptId))!),
    ).toMatchObject({ version, locale: 'nl' });
  });

  it('stores nothing for an iDEAL payment when the policy is not required', async () => {
    await publishPolicy(false);
    const { token } = await newLink(amsterdam, 'EUR');
    const started = await payLinkWithIdeal(
      amsterdam,
      { token, idempotencyKey: randomUUID() },
      null,
    );
    expect(started.state).toBe('pending');
    expect(
      policyAcceptanceOf((await findPaymentAttempt(database.db, started.attemptId))!),
    ).toBeNull();
  });

  it('gives the pay page the policy in the guest language, else the hotel default, and the display name', async () => {
    const version = await publishPolicy(true);
    const { token } = await newLink(london, 'GBP');

    const dutch = await getGuestCheckoutView(london, token, SCRIPT_URL, 'nl');
    expect(dutch.kind).toBe('payable');
    if (dutch.kind !== 'payable') return;
    expect(dutch.summary.hotelName).toBe('Hotel Aurora');
    expect(dutch.summary.policy).toEqual({
      version,
      required: true,
      text: POLICY_TEXTS.nl,
      textLocale: 'nl',
    });

    const french = await getGuestCheckoutView(london, token, SCRIPT_URL, 'fr');
    expect(french.kind === 'payable' && french.summary.policy).toMatchObject({
      text: POLICY_TEXTS.en,
      textLocale: 'en',
    });
  });
});
