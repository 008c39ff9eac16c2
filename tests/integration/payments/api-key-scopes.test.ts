/**
 * /api/v1 keys as an integration (or someone holding a leaked key) meets them, calling the route
 * handlers directly the way Next.js does, against the offline sandbox and a real database (PGlite;
 * PostgreSQL too when TEST_DATABASE_URL is set):
 *
 * - scopes: a missing scope answers 403 naming it; new keys get create/read/cancel of their own
 *   links; keys made before scopes existed keep everything;
 * - ownership: links made through the API remember their key; a key reads and cancels only its own
 *   links (404 for others', as for an unknown id) unless it has links:read-all;
 * - rate limits per key, counted in the database: 10 links and 60 requests a minute, then 429 with
 *   Retry-After.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiKeyScope } from '@/lib/payments/links/api-keys';
import type { PaymentContext } from '@/lib/server/context';
import { SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { createTestPaymentContext } from '../../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

const current = vi.hoisted(() => ({ ctx: undefined as unknown }));
vi.mock('@/lib/server/context', () => ({ getPaymentContext: async () => current.ctx }));

const alice = SEED.customers.alice.id;
const BASE = 'http://localhost:3999';

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox?.stop();
});

async function routes() {
  return {
    create: (await import('@/app/api/v1/payment-links/route')).POST,
    get: (await import('@/app/api/v1/payment-links/[id]/route')).GET,
    cancel: (await import('@/app/api/v1/payment-links/[id]/cancel/route')).POST,
  };
}

function bearer(key: string) {
  return { authorization: `Bearer ${key}` };
}

async function createLink(key: string, description = 'Deposit via API') {
  const { create } = await routes();
  return create(
    new Request(`${BASE}/api/v1/payment-links`, {
      method: 'POST',
      headers: { ...bearer(key), 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: alice, amountMinor: 5_000, currency: 'GBP', description }),
    }),
  );
}

async function getLink(key: string, id: string) {
  const { get } = await routes();
  return get(new Request(`${BASE}/api/v1/payment-links/${id}`, { headers: bearer(key) }), {
    params: Promise.resolve({ id }),
  });
}

async function cancelLink(key: string, id: string) {
  const { cancel } = await routes();
  return cancel(
    new Request(`${BASE}/api/v1/payment-links/${id}/cancel`, {
      method: 'POST',
      headers: bearer(key),
    }),
    {
      params: Promise.resolve({ id }),
    },
  );
}

describe.each(testDatabaseTargets)('API key scopes and limits on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;
  let staffLinkId: string;

  beforeAll(async () => {
    database = await open();
    ctx = createTestPaymentContext(database, { sandbox });
    current.ctx = ctx;
    const { createStaffAccount } = await import('@/lib/auth/staff-accounts');
    const { createPaymentLink } = await import('@/lib/payments/links/payment-links');
    const desk = await createStaffAccount(
      ctx,
      {
        email: 'desk@hotel.test',
        name: 'Desk',
        role: 'frontdesk',
        password: 'front desk password',
      },
      { type: 'system' },
    );
    const staffLink = await createPaymentLink(
      ctx,
      { customerId: alice, amountMinor: 7_000, currency: 'GBP', description: 'Made at the desk' },
      { via: 'staff', actor: { type: 'staff', staffId: desk.id, email: desk.email } },
    );
    staffLinkId = staffLink.link.id;
  });

  afterAll(async () => {
    await database?.close();
  });

  async function newKey(name: string, scopes?: readonly ApiKeyScope[]) {
    const { createApiKey } = await import('@/lib/payments/links/api-keys');
    return createApiKey(ctx, name, scopes);
  }

  async function linkRow(id: string) {
    const { findPaymentLink } = await import('@/lib/db/payment-links');
    return findPaymentLink(ctx.db, id);
  }

  it('gives a new key create, read and cancel of its own links, and records the key on the links it makes', async () => {
    const { key, record } = await newKey('booking-engine');
    expect(record.scopes).toEqual(['links:create', 'links:read', 'links:cancel']);

    const created = await createLink(key);
    expect(created.status).toBe(201);
    const link = (await created.json()) as { id: string };
    expect((await linkRow(link.id))?.createdByApiKeyId).toBe(record.id);

    const read = await getLink(key, link.id);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: link.id, state: 'open' });
    const canceled = await cancelLink(key, link.id);
    expect(canceled.status).toBe(200);
    expect(await canceled.json()).toMatchObject({ id: link.id, state: 'canceled' });
  });

  it('answers 404 for links the key did not make (staff’s or another key’s), exactly as for an unknown id, and cancels none', async () => {
    const { key: mine } = await newKey('crm');
    const { key: theirs } = await newKey('other-integration');
    const theirLink = (await (await createLink(theirs, 'Theirs')).json()) as { id: string };

    const unknown = await getLink(mine, randomUUID());
    expect(unknown.status).toBe(404);
    const unknownBody = await unknown.json();
    for (const id of [staffLinkId, theirLink.id]) {
      const read = await getLink(mine, id);
      expect(read.status).toBe(404);
      expect(await read.json()).toEqual(unknownBody);
      const cancel = await cancelLink(mine, id);
      expect(cancel.status).toBe(404);
      expect(await cancel.json()).toEqual(unknownBody);
      expect((await linkRow(id))?.state).toBe('open');
    }
  });

  it('lets a key with links:read-all read and cancel every link, and keys made before scopes existed keep doing so', async () => {
    const { key: auditor } = await newKey('reporting', ['links:read', 'links:read-all']);
    expect((await getLink(auditor, staffLinkId)).status).toBe(200);
    // Reading all is not canceling: that still needs links:cancel.
    expect((await cancelLink(auditor, staffLinkId)).status).toBe(403);

    const { hashApiKey } = await import('@/lib/payments/links/api-keys');
    const { insertApiKey } = await import('@/lib/db/api-keys');
    const legacyKey = `mck_legacy${'0'.repeat(36)}`;
    const legacy = await insertApiKey(ctx.db, {
      name: 'legacy',
      prefix: legacyKey.slice(0, 12),
      keyHash: hashApiKey(legacyKey),
    });
    expect(legacy.scopes).toEqual(['links:create', 'links:read', 'links:cancel', 'links:read-all']);
    expect((await getLink(legacyKey, staffLinkId)).status).toBe(200);
    expect((await cancelLink(legacyKey, staffLinkId)).status).toBe(200);
    expect((await linkRow(staffLinkId))?.state).toBe('canceled');
  });

  it('refuses an operation outside the key’s scopes with 403 and a message naming the scope', async () => {
    const { key: readOnly } = await newKey('read-only', ['links:read']);
    const create = await createLink(readOnly);
    expect(create.status).toBe(403);
    const body = (await create.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('forbidden');
    expect(body.error.message).toContain('links:create');

    const { key: createOnly } = await newKey('create-only', ['links:create']);
    const link = (await (await createLink(createOnly)).json()) as { id: string };
    const read = await getLink(createOnly, link.id);
    expect(read.status).toBe(403);
    expect(((await read.json()) as { error: { message: string } }).error.message).toContain(
      'links:read',
    );
    const cancel = await cancelLink(createOnly, link.id);
    expect(cancel.status).toBe(403);
    expect(((await cancel.json()) as { error: { message: string } }).error.message).toContain(
      'links:cancel',
    );
    expect((await linkRow(link.id))?.state).toBe('open');
  });

  it('creates at most 10 links a minute per key: a burst of 20 gets 10 created and 10 answered 429 with Retry-After', async () => {
    const { key, record } = await newKey('bursty');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createLink(key, `Burst ${i}`)),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    const limited = responses.find((response) => response.status === 429)!;
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await limited.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_many_attempts');
    expect(body.error.message).toMatch(/at most 10 payment links a minute/);

    const { sql } = await import('drizzle-orm');
    const rows = await ctx.db.execute(
      sql`select count(*)::int as n from payment_links where created_by_api_key_id = ${record.id}`,
    );
    expect((rows as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(10);
    // The limit is the key's, not everyone's.
    const { key: other } = await newKey('calm');
    expect((await createLink(other)).status).toBe(201);
  });

  it('answers at most 60 requests a minute per key, whatever they are, then 429', async () => {
    const { key } = await newKey('chatty');
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await getLink(key, randomUUID())).status);
    expect(statuses.slice(0, 60).every((status) => status === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
    const limited = await getLink(key, randomUUID());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(
      /at most 60 requests a minute/,
    );
  });

  it('checks scopes given to a new key', async () => {
    await expect(newKey('typo', ['links:create', 'links:delete' as never])).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('links:delete'),
    });
    await expect(newKey('nothing', [])).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('the v1 OpenAPI document', () => {
  it('describes the 403 and 429 answers, Retry-After and the scope each operation needs', async () => {
    const { paymentLinksOpenApiDocument } = await import('@/lib/payments/links/api');
    const document = paymentLinksOpenApiDocument(BASE, '0.0.0') as unknown as {
      paths: Record<
        string,
        Record<
          string,
          { description?: string; responses: Record<string, { headers?: Record<string, unknown> }> }
        >
      >;
    };
    const operations = Object.values(document.paths).flatMap((path) => Object.values(path));
    expect(operations).toHaveLength(3);
    for (const operation of operations) {
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['401', '403', '429']),
      );
      expect(operation.responses['429']?.headers).toHaveProperty('Retry-After');
      expect(operation.description).toMatch(/`links:(create|read|cancel)`/);
    }
  });
});
