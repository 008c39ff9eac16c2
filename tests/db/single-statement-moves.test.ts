import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAuditEvent } from '@/lib/db/audit-log';
import {
  createPaymentAttempt,
  openCardAttemptOnLink,
  type CardAttemptRules,
  type NewPaymentAttempt,
} from '@/lib/db/payment-attempts';
import { createPaymentLink, findPaymentLink, transitionPaymentLink } from '@/lib/db/payment-links';
import { auditEvents } from '@/lib/db/schema';
import { moveAttempt } from '@/lib/payments/ledger/ledger';
import { transitionPaymentAttempt } from '../support/ledger-moves';
import { captureLog, createTestPaymentContext } from '../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../support/test-database';

/**
 * The pay action's ledger writes are single statements that move several rows together: the
 * attempt with its link claimed, and a settlement with its link and audit event. What a payer or
 * the staff would see go wrong is a half-done move: a link left `processing` behind a paid attempt,
 * an audit event for a move that did not happen, or two events for one move.
 */

const customerId = '35d4b117-4e60-44a3-9580-c582117eff98';

describe.each(testDatabaseTargets)('single-statement ledger moves on $label', ({ open }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database.close();
  });

  const newLink = (expiresInMs = 86_400_000) =>
    createPaymentLink(database.db, {
      tokenHash: randomUUID(),
      mewsCustomerId: customerId,
      amountMinor: 12_550,
      currency: 'EUR',
      description: 'Deposit',
      expiresAt: new Date(Date.now() + expiresInMs),
      createdVia: 'cli',
    });
  const attemptFor = (
    paymentLinkId: string | null,
    overrides: Partial<NewPaymentAttempt> = {},
  ): NewPaymentAttempt => ({
    idempotencyKey: randomUUID(),
    paymentLinkId,
    method: 'card',
    amountMinor: 12_550,
    currency: 'EUR',
    mewsCustomerId: customerId,
    ...overrides,
  });
  const eventFor = (attemptId: string, action: string): NewAuditEvent => ({
    actorType: 'guest',
    actorLabel: 'guest',
    action,
    outcome: 'success',
    subjectType: 'payment_attempt',
    subjectId: attemptId,
    amountMinor: 12_550,
    currency: 'EUR',
    mewsIds: { paymentId: randomUUID() },
    clientAddress: '203.0.113.9',
  });
  const eventsOf = (attemptId: string) =>
    database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, attemptId));

  it('writes an attempt and claims its open link in one statement', async () => {
    const link = await newLink();
    const result = await createPaymentAttempt(database.db, attemptFor(link.id), {
      claimLink: true,
    });
    expect(result).toMatchObject({
      created: true,
      linkClaimed: true,
      attempt: { state: 'created', paymentLinkId: link.id },
    });
    expect((await findPaymentLink(database.db, link.id))?.state).toBe('processing');
  });

  it('reports a link that was not open as not claimed, and leaves it as it was', async () => {
    const link = await newLink();
    await transitionPaymentLink(database.db, link.id, ['open'], 'canceled');
    const result = await createPaymentAttempt(database.db, attemptFor(link.id), {
      claimLink: true,
    });
    expect(result).toMatchObject({ created: true, linkClaimed: false });
    expect((await findPaymentLink(database.db, link.id))?.state).toBe('canceled');
  });

  it('answers a replayed key with the first attempt and claims nothing', async () => {
    const link = await newLink();
    const input = attemptFor(link.id);
    const first = await createPaymentAttempt(database.db, input, { claimLink: true });
    await transitionPaymentAttempt(
      database.db,
      first.attempt.id,
      'failed',
      {},
      { link: { from: ['processing'], to: 'open_unless_expired', now: new Date() } },
    );
    expect((await findPaymentLink(database.db, link.id))?.state).toBe('open');

    const replay = await createPaymentAttempt(database.db, input, { claimLink: true });
    expect(replay).toMatchObject({
      created: false,
      attempt: { id: first.attempt.id, state: 'failed' },
    });
    expect((await findPaymentLink(database.db, link.id))?.state).toBe('open');
  });

  it('settles an attempt, pays its link and audits it together, once', async () => {
    const link = await newLink();
    const { attempt } = await createPaymentAttempt(database.db, attemptFor(link.id), {
      claimLink: true,
    });
    await transitionPaymentAttempt(database.db, attempt.id, 'processing');
    const mewsPaymentId = randomUUID();
    const effects = {
      link: { from: ['open', 'processing', 'expired'] as const, to: 'paid' as const },
      audit: eventFor(attempt.id, 'payment.card.succeeded'),
    };

    const settled = await transitionPaymentAttempt(
      database.db,
      attempt.id,
      'succeeded',
      { mewsPaymentId },
      effects,
    );
    expect(settled).toMatchObject({ state: 'succeeded', mewsPaymentId });
    expect(settled?.finalizedAt).toBeInstanceOf(Date);
    const paid = await findPaymentLink(database.db, link.id);
    expect(paid).toMatchObject({ state: 'paid' });
    expect(paid?.paidAt).toBeInstanceOf(Date);
    const [event, ...more] = await eventsOf(attempt.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      action: 'payment.card.succeeded',
      amountMinor: 12_550,
      currency: 'EUR',
      clientAddress: '203.0.113.9',
    });
    expect(event?.mewsIds).toEqual(effects.audit.mewsIds);

    // A second caller (the reconciler, a webhook) finds it settled: no second event, nothing moves.
    expect(
      await transitionPaymentAttempt(
        database.db,
        attempt.id,
        'succeeded',
        { mewsPaymentId },
        effects,
      ),
    ).toBeUndefined();
    expect(await eventsOf(attempt.id)).toHaveLength(1);
  });

  it('opens a link again after a failure, or expires it when its time ran out', async () => {
    for (const [expiresInMs, expected] of [
      [86_400_000, 'open'],
      [1_000, 'expired'],
    ] as const) {
      const link = await newLink(expiresInMs);
      const { attempt } = await createPaymentAttempt(database.db, attemptFor(link.id), {
        claimLink: true,
      });
      const later = new Date(Date.now() + 60_000);
      const failed = await transitionPaymentAttempt(
        database.db,
        attempt.id,
        'failed',
        { failureCode: 'card_declined' },
        {
          link: { from: ['processing'], to: 'open_unless_expired', now: later },
          audit: {
            ...eventFor(attempt.id, 'payment.card.failed'),
            outcome: 'failure',
            details: { failureCode: 'card_declined' },
          },
        },
      );
      expect(failed).toMatchObject({ state: 'failed', failureCode: 'card_declined' });
      expect((await findPaymentLink(database.db, link.id))?.state).toBe(expected);
      expect((await eventsOf(attempt.id))[0]?.details).toEqual({ failureCode: 'card_declined' });
    }
  });

  it('rolls the whole move back when a part of it fails', async () => {
    const link = await newLink();
    const { attempt } = await createPaymentAttempt(database.db, attemptFor(link.id), {
      claimLink: true,
    });
    await transitionPaymentAttempt(database.db, attempt.id, 'processing');
    // char(3): PostgreSQL refuses the event, so the whole statement fails.
    const badEvent = { ...eventFor(attempt.id, 'payment.card.succeeded'), currency: 'EURO' };
    await expect(
      transitionPaymentAttempt(
        database.db,
        attempt.id,
        'succeeded',
        {},
        { link: { from: ['processing'], to: 'paid' }, audit: badEvent },
      ),
    ).rejects.toThrow();
    expect((await findPaymentLink(database.db, link.id))?.state).toBe('processing');
    expect(await eventsOf(attempt.id)).toEqual([]);
  });

  it('still settles the payment when its audit event cannot be written, and says so in the log', async () => {
    const link = await newLink();
    const { attempt } = await createPaymentAttempt(database.db, attemptFor(link.id), {
      claimLink: true,
    });
    const processing = await transitionPaymentAttempt(database.db, attempt.id, 'processing');
    const logged = captureLog();
    const ctx = createTestPaymentContext(database, { log: logged.log });
    const badEvent = { ...eventFor(attempt.id, 'payment.card.succeeded'), currency: 'EURO' };

    const moved = await moveAttempt(
      ctx,
      processing!,
      'succeeded',
      { mewsPaymentId: randomUUID() },
      badEvent,
    );
    expect(moved?.state).toBe('succeeded');
    expect((await findPaymentLink(database.db, link.id))?.state).toBe('paid');
    expect(await eventsOf(attempt.id)).toEqual([]);
    expect(logged.messages('error')).toEqual(['Audit event could not be written']);
  });

  describe('a guest card attempt opened on its link in one statement', () => {
    const rules = (overrides: Partial<CardAttemptRules> = {}): CardAttemptRules => ({
      now: new Date(),
      failuresSince: new Date(Date.now() - 3_600_000),
      maxFailedOnLink: 5,
      maxFailedFromAddress: 10,
      ...overrides,
    });
    const guestInput = (idempotencyKey = randomUUID()) => ({
      idempotencyKey,
      clientAddress: '198.51.100.1',
      cardBrand: 'VIS',
      cardMasked: '424242xxxxxx4242',
    });
    const failCardAttempts = async (entries: readonly (readonly [string, string])[]) => {
      for (const [paymentLinkId, clientAddress] of entries) {
        const { attempt } = await createPaymentAttempt(
          database.db,
          attemptFor(paymentLinkId, { clientAddress }),
        );
        await transitionPaymentAttempt(database.db, attempt.id, 'failed');
      }
    };

    it('writes the attempt in processing with the amount, customer and reservation of the link, and claims the link', async () => {
      const link = await newLink();
      const result = await openCardAttemptOnLink(
        database.db,
        link.tokenHash,
        guestInput(),
        rules(),
      );
      expect(result.link?.id).toBe(link.id);
      if (!result.link) throw new Error('no link');
      expect(result.failedCardAttempts).toEqual({ onLink: 0, fromAddress: 0 });
      expect(result.opened?.linkClaimed).toBe(true);
      expect(result.opened?.attempt).toMatchObject({
        state: 'processing',
        method: 'card',
        paymentLinkId: link.id,
        amountMinor: 12_550,
        currency: 'EUR',
        mewsCustomerId: customerId,
        cardBrand: 'VIS',
        cardMasked: '424242xxxxxx4242',
        clientAddress: '198.51.100.1',
        finalizedAt: null,
      });
      expect(result.opened?.attempt.createdAt).toBeInstanceOf(Date);
      expect((await findPaymentLink(database.db, link.id))?.state).toBe('processing');
    });

    it('counts failed card attempts of the window on the link and from the address, and writes nothing at a limit', async () => {
      const link = await newLink();
      const other = await newLink();
      await failCardAttempts([
        [link.id, '198.51.100.1'],
        [link.id, '198.51.100.2'],
        [other.id, '198.51.100.1'],
      ]);
      const overLink = await openCardAttemptOnLink(
        database.db,
        link.tokenHash,
        guestInput(),
        rules({ maxFailedOnLink: 2 }),
      );
      expect(overLink.link && overLink.failedCardAttempts).toEqual({ onLink: 2, fromAddress: 2 });
      expect(overLink.link && overLink.opened).toBeUndefined();
      const overAddress = await openCardAttemptOnLink(
        database.db,
        link.tokenHash,
        guestInput(),
        rules({ maxFailedFromAddress: 2 }),
      );
      expect(overAddress.link && overAddress.opened).toBeUndefined();
      expect((await findPaymentLink(database.db, link.id))?.state).toBe('open');

      const opened = await openCardAttemptOnLink(
        database.db,
        link.tokenHash,
        guestInput(),
        rules({ maxFailedOnLink: 3, maxFailedFromAddress: 3 }),
      );
      expect(opened.link && opened.opened?.linkClaimed).toBe(true);
    });

    it('writes nothing for a link that is not open or whose time ran out, and nothing for an unknown token', async () => {
      const canceled = await newLink();
      await transitionPaymentLink(database.db, canceled.id, ['open'], 'canceled');
      const result = await openCardAttemptOnLink(
        database.db,
        canceled.tokenHash,
        guestInput(),
        rules(),
      );
      expect(result.link?.state).toBe('canceled');
      expect(result.link && result.opened).toBeUndefined();

      const lapsed = await newLink(60_000);
      const late = await openCardAttemptOnLink(
        database.db,
        lapsed.tokenHash,
        guestInput(),
        rules({ now: new Date(Date.now() + 120_000) }),
      );
      expect(late.link && late.opened).toBeUndefined();
      expect((await findPaymentLink(database.db, lapsed.id))?.state).toBe('open');

      expect(
        await openCardAttemptOnLink(database.db, 'no such hash', guestInput(), rules()),
      ).toEqual({ link: undefined });
    });

    it('writes nothing for a replayed key: the first attempt keeps the link', async () => {
      const link = await newLink();
      const key = randomUUID();
      const first = await openCardAttemptOnLink(
        database.db,
        link.tokenHash,
        guestInput(key),
        rules(),
      );
      if (!first.link || !first.opened) throw new Error('not opened');
      await transitionPaymentAttempt(
        database.db,
        first.opened.attempt.id,
        'failed',
        {},
        { link: { from: ['processing'], to: 'open_unless_expired', now: new Date() } },
      );
      const replay = await openCardAttemptOnLink(
        database.db,
        link.tokenHash,
        guestInput(key),
        rules(),
      );
      expect(replay.link?.state).toBe('open');
      expect(replay.link && replay.opened).toBeUndefined();
      expect((await findPaymentLink(database.db, link.id))?.state).toBe('open');
    });

    it('tells a second request with another key which attempt holds the link', async () => {
      const link = await newLink();
      const first = await openCardAttemptOnLink(database.db, link.tokenHash, guestInput(), rules());
      if (!first.link || !first.opened) throw new Error('not opened');
      // The link is `processing` now; put it back to `open` the way a racing request would still see it.
      await transitionPaymentLink(database.db, link.id, ['processing'], 'open');
      await expect(
        openCardAttemptOnLink(database.db, link.tokenHash, guestInput(), rules()),
      ).rejects.toMatchObject({
        name: 'ActiveAttemptExistsError',
        activeAttempt: { id: first.opened.attempt.id },
      });
    });
  });
});
