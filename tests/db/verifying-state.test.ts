import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '@/lib/db/client';
import {
  ActiveAttemptExistsError,
  createPaymentAttempt,
  listUnsettledPaymentAttempts,
  type NewPaymentAttempt,
} from '@/lib/db/payment-attempts';
import { createPaymentLink, findPaymentLink } from '@/lib/db/payment-links';
import { transitionPaymentAttempt } from '../support/ledger-moves';
import { testDatabaseTargets, testDatabaseUrl, type TestDatabase } from '../support/test-database';

/**
 * Migration 0013 (the `verifying` attempt state, Mews' `Verifying`: the guest has a card
 * verification to make) on both databases the app runs on: on a fresh database, and on one already
 * at 0012 with payments in flight, as an installation upgrading would be. PostgreSQL refuses to
 * use an enum value in the transaction that added it, and the migrator applies every pending
 * migration in one transaction, so this is where a careless migration would break.
 */

const MIGRATIONS = path.join(process.cwd(), 'lib/db/migrations');
const customerId = '7b1c0b1e-5d55-4c4e-9d41-4a0c4d3f6a01';

function linkInput() {
  return {
    tokenHash: randomUUID(),
    mewsCustomerId: customerId,
    amountMinor: 18_000,
    currency: 'GBP',
    description: 'Deposit',
    expiresAt: new Date(Date.now() + 86_400_000),
    createdVia: 'cli' as const,
  };
}

function attemptInput(paymentLinkId: string): NewPaymentAttempt {
  return {
    idempotencyKey: randomUUID(),
    paymentLinkId,
    method: 'card',
    amountMinor: 18_000,
    currency: 'GBP',
    mewsCustomerId: customerId,
  };
}

/** The committed migrations up to and including `lastTag`, as an older release shipped them. */
function migrationsUpTo(lastTag: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'mews-migrations-'));
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
  expect(last).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

async function migrateTo(handle: DatabaseHandle, folder: string): Promise<void> {
  if (handle.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(handle.db as never, { migrationsFolder: folder });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder: folder });
  }
}

/** An empty database of the target's kind, not migrated; dropped again by the returned `close`. */
async function openEmpty(label: string): Promise<DatabaseHandle> {
  if (label === 'PGlite') return openDatabase({ inMemory: true });
  const serverUrl = testDatabaseUrl as string;
  const name = `mews_checkout_test_v13_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`).finally(() => admin.end());
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  return {
    ...handle,
    async close() {
      await handle.close().catch(() => undefined);
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup
        .query(`drop database if exists ${name} with (force)`)
        .finally(() => cleanup.end());
    },
  };
}

describe.each(testDatabaseTargets)('the verifying state on $label', ({ label, open }) => {
  const opened: DatabaseHandle[] = [];
  const folders: string[] = [];
  let database: TestDatabase;
  // Migrating takes a while on a busy machine: in the hook, with the hook's longer timeout.
  beforeAll(async () => {
    database = await open();
    opened.push(database);
  });
  afterAll(async () => {
    for (const handle of opened) await handle.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('holds the link like every state in flight, stamps when it began, and frees the link when it ends', async () => {
    const link = await createPaymentLink(database.db, linkInput());
    const created = await createPaymentAttempt(database.db, attemptInput(link.id));
    expect(created.created).toBe(true);
    const attempt = created.attempt;
    await transitionPaymentAttempt(database.db, attempt.id, 'processing');
    const since = new Date('2026-03-29T08:15:00.000Z');
    const verifying = await transitionPaymentAttempt(
      database.db,
      attempt.id,
      'verifying',
      { mewsPaymentId: randomUUID(), verifyingSince: since },
      { link: { from: ['open'], to: 'processing' } },
    );
    expect(verifying).toMatchObject({ state: 'verifying', finalizedAt: null });
    expect(verifying?.verifyingSince?.toISOString()).toBe(since.toISOString());

    // A second attempt on the link is refused while the guest may still verify the first.
    await expect(createPaymentAttempt(database.db, attemptInput(link.id))).rejects.toBeInstanceOf(
      ActiveAttemptExistsError,
    );
    expect((await listUnsettledPaymentAttempts(database.db)).map((a) => a.id)).toContain(
      attempt.id,
    );

    const canceled = await transitionPaymentAttempt(
      database.db,
      attempt.id,
      'canceled',
      {},
      {
        link: { from: ['processing'], to: 'open_unless_expired', now: new Date() },
      },
    );
    expect(canceled?.state).toBe('canceled');
    expect((await findPaymentLink(database.db, link.id))?.state).toBe('open');
    expect((await listUnsettledPaymentAttempts(database.db)).map((a) => a.id)).not.toContain(
      attempt.id,
    );
    const again = await createPaymentAttempt(database.db, attemptInput(link.id));
    expect(again.created).toBe(true);
  });

  it(
    'upgrades a database at migration 0012 with payments in flight',
    { timeout: 60_000 },
    async () => {
      const handle = await openEmpty(label);
      opened.push(handle);
      const older = migrationsUpTo('0012_staff_sessions_and_key_scopes');
      folders.push(older);
      await migrateTo(handle, older);
      // Raw SQL: the schema of this release has columns the database at 0012 does not have yet.
      const linkRow = (await handle.db.execute(sql`
      insert into payment_links
        (token_hash, mews_customer_id, amount_minor, currency, description, expires_at, created_via)
      values (${randomUUID()}, ${customerId}, 18000, 'GBP', 'Deposit',
              ${new Date(Date.now() + 86_400_000).toISOString()}, 'cli')
      returning id`)) as unknown as { rows: Array<{ id: string }> };
      const link = { id: linkRow.rows[0]!.id };
      const inFlight = (await handle.db.execute(sql`
      insert into payment_attempts
        (idempotency_key, payment_link_id, method, state, amount_minor, currency, mews_customer_id)
      values (${randomUUID()}, ${link.id}, 'card', 'pending', 18000, 'GBP', ${customerId})
      returning id`)) as unknown as { rows: Array<{ id: string }> };
      const pendingId = inFlight.rows[0]!.id;

      await migrateDatabase(handle);

      // The attempt from before the upgrade still holds its link, and can become verifying.
      await expect(createPaymentAttempt(handle.db, attemptInput(link.id))).rejects.toBeInstanceOf(
        ActiveAttemptExistsError,
      );
      const moved = await transitionPaymentAttempt(handle.db, pendingId, 'verifying', {
        verifyingSince: new Date(),
      });
      expect(moved?.state).toBe('verifying');
      await expect(createPaymentAttempt(handle.db, attemptInput(link.id))).rejects.toBeInstanceOf(
        ActiveAttemptExistsError,
      );
    },
  );
});
