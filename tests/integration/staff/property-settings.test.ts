/**
 * The manager's Property settings, through the server actions the page calls: a manager saves
 * and guest pages see it at once (the identity cache is forgotten), front desk is refused, every
 * policy change publishes a new numbered version and leaves the old one word for word, and the
 * audit trail says who changed which fields.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestPaymentContext } from '../../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';
import type { PropertySettingsInput } from '@/lib/payments/property/schemas';
import type { PaymentContext } from '@/lib/server/context';

const session = vi.hoisted(() => ({
  staffId: undefined as string | undefined,
  ctx: undefined as unknown,
}));

vi.mock('@/lib/auth/index', () => ({
  auth: async () => (session.staffId ? { user: { id: session.staffId, email: 'x' } } : null),
}));
vi.mock('@/lib/server/context', () => ({ getPaymentContext: async () => session.ctx }));

let database: TestDatabase;
let ctx: PaymentContext;
let managerId: string;
let frontDeskId: string;

beforeAll(async () => {
  const opened = await openTestPaymentContext();
  database = opened.database;
  ctx = opened.ctx;
  session.ctx = ctx;
  const { createStaffAccount } = await import('@/lib/auth/staff-accounts');
  const create = async (email: string, role: 'manager' | 'frontdesk') =>
    (
      await createStaffAccount(
        ctx,
        { email, name: email, role, password: 'a long enough password' },
        { type: 'system' },
      )
    ).id;
  managerId = await create('manager@hotel.test', 'manager');
  frontDeskId = await create('desk@hotel.test', 'frontdesk');
});

afterAll(async () => {
  await database?.close();
});

beforeEach(() => {
  session.staffId = managerId;
});

const POLICY_EN = 'The deposit is refundable until 48 hours before arrival.';
const POLICY_NL = 'De aanbetaling wordt terugbetaald tot 48 uur voor aankomst.';

const form = (changes: Partial<PropertySettingsInput> = {}): PropertySettingsInput => ({
  displayName: 'Hotel Aurora',
  brandColor: '#1b2a4a',
  phone: '+31 20 123 4567',
  email: 'desk@aurora.example',
  website: 'https://aurora.example',
  address: 'Keizersgracht 1\n1015 AA Amsterdam',
  defaultLocale: 'en',
  policyTexts: { en: POLICY_EN, nl: '', de: '', fr: '', cs: '' },
  policyRequired: true,
  reminderDaysBefore: '3, 1',
  receiptCopyEmail: 'frontoffice@aurora.example',
  ...changes,
});

async function actions() {
  return import('@/lib/payments/property/actions');
}

async function identity() {
  const { getPropertyIdentity } = await import('@/lib/payments/property/identity');
  return getPropertyIdentity(ctx, 'Sandbox Hotel London (Gross pricing)');
}

async function propertyAudit() {
  const { listAudit } = await import('@/lib/db/staff-ledger');
  return (await listAudit(database.db, { actionPrefix: 'property.' })).reverse();
}

describe('a manager saving the Property settings', () => {
  it('changes what guest pages show at once, and audits the changed fields', async () => {
    const before = await identity();
    expect(before.name).toBe('Sandbox Hotel London (Gross pricing)');
    expect(before.hasContact).toBe(false);

    const { updatePropertyAction } = await actions();
    const result = await updatePropertyAction(form());
    expect(result).toMatchObject({ ok: true, data: { publishedPolicyVersion: 1 } });

    // Read straight after the save: the 5-second identity cache was forgotten.
    const after = await identity();
    expect(after).toMatchObject({
      name: 'Hotel Aurora',
      brandColor: '#1b2a4a',
      brandTextColor: '#ffffff',
      contact: {
        phone: '+31 20 123 4567',
        email: 'desk@aurora.example',
        website: 'https://aurora.example',
        address: 'Keizersgracht 1\n1015 AA Amsterdam',
      },
      hasContact: true,
      defaultLocale: 'en',
      policy: { version: 1, texts: { en: POLICY_EN }, required: true },
      reminderDaysBefore: [3, 1],
      receiptCopyEmail: 'frontoffice@aurora.example',
    });

    const audit = await propertyAudit();
    expect(audit.map((row) => row.action)).toEqual([
      'property.updated',
      'property.policy_published',
    ]);
    expect(audit[0]).toMatchObject({ actorStaffId: managerId, actorLabel: 'manager@hotel.test' });
    expect(audit[0]!.details).toMatchObject({
      changed: expect.arrayContaining([
        'displayName',
        'brandColor',
        'phone',
        'receiptCopyEmail',
        'policyRequired',
        'policyTexts.en',
      ]),
    });
    // Field names only: the audit trail does not copy the texts.
    expect(JSON.stringify(audit[0]!.details)).not.toContain(POLICY_EN);
    expect(audit[1]!.details).toMatchObject({ version: 1, languages: ['en'] });
  });

  it('publishes nothing and audits nothing when saved unchanged', async () => {
    const { updatePropertyAction } = await actions();
    const auditBefore = (await propertyAudit()).length;
    const result = await updatePropertyAction(form());
    expect(result).toMatchObject({
      ok: true,
      data: { changed: [], publishedPolicyVersion: null, policyVersion: 1 },
    });
    expect((await propertyAudit()).length).toBe(auditBefore);
  });

  it('publishes a new version for a changed text and keeps the old one word for word', async () => {
    const { updatePropertyAction } = await actions();
    const changed = await updatePropertyAction(
      form({ policyTexts: { en: `${POLICY_EN} Updated.`, nl: POLICY_NL } }),
    );
    expect(changed).toMatchObject({
      ok: true,
      data: { publishedPolicyVersion: 2, changed: ['policyTexts.en', 'policyTexts.nl'] },
    });
    const { readPolicyVersion } = await import('@/lib/db/property-profile');
    expect((await readPolicyVersion(database.db, 1))?.texts).toEqual({ en: POLICY_EN });
    expect((await readPolicyVersion(database.db, 2))?.texts).toEqual({
      en: `${POLICY_EN} Updated.`,
      nl: POLICY_NL,
    });
    expect((await identity()).policy).toMatchObject({ version: 2 });

    // Only the name changes: the policy version stays.
    const renamed = await updatePropertyAction(
      form({
        displayName: 'Aurora',
        policyTexts: { en: `${POLICY_EN} Updated.`, nl: POLICY_NL },
      }),
    );
    expect(renamed).toMatchObject({
      ok: true,
      data: { changed: ['displayName'], publishedPolicyVersion: null, policyVersion: 2 },
    });
    const published = (await propertyAudit()).filter(
      (row) => row.action === 'property.policy_published',
    );
    expect(published.map((row) => row.details?.version)).toEqual([1, 2]);

    // What a guest accepted cannot be rewritten or removed afterwards, by the app or anyone.
    const { sql } = await import('drizzle-orm');
    await expect(
      database.db.execute(
        sql`update property_policy_versions set texts = '{"en":"Other words"}' where version = 1`,
      ),
    ).rejects.toThrow();
    await expect(
      database.db.execute(sql`delete from property_policy_versions where version = 1`),
    ).rejects.toThrow();
    expect((await readPolicyVersion(database.db, 1))?.texts).toEqual({ en: POLICY_EN });
  });

  it('numbers versions one after the other when two saves race', async () => {
    // Called below the action: two requests' session checks cannot run at once in this suite
    // (Vitest's mocked Auth.js module), and the race is in the save, not in the check.
    const { updatePropertySettings } = await import('@/lib/payments/property/settings');
    const { propertySettingsSchema } = await import('@/lib/payments/property/schemas');
    const actor = { type: 'staff' as const, staffId: managerId, email: 'manager@hotel.test' };
    const results = await Promise.allSettled(
      ['A', 'B'].map((suffix) =>
        updatePropertySettings(
          ctx,
          propertySettingsSchema.parse(
            form({ displayName: 'Aurora', policyTexts: { en: `${POLICY_EN} ${suffix}` } }),
          ),
          actor,
        ),
      ),
    );
    const versions = results.map((result) =>
      result.status === 'fulfilled' ? result.value.publishedPolicyVersion : result.reason,
    );
    // PGlite runs one statement at a time: both publish, 3 and 4. (On PostgreSQL the loser may
    // get a `conflict`; see the repository test below.)
    expect([...versions].sort()).toEqual([3, 4]);
  });

  it('takes the policy away when every text is emptied, keeping the versions', async () => {
    const { updatePropertyAction } = await actions();
    const result = await updatePropertyAction(
      form({
        displayName: 'Aurora',
        policyRequired: false,
        policyTexts: { en: '', nl: '', de: '', fr: '', cs: '' },
      }),
    );
    expect(result).toMatchObject({ ok: true, data: { policyVersion: null } });
    expect((await identity()).policy).toBeNull();
    const { readPolicyVersion } = await import('@/lib/db/property-profile');
    expect(await readPolicyVersion(database.db, 1)).toBeDefined();
    // The next text is version 5, never a reused number.
    const again = await updatePropertyAction(form({ displayName: 'Aurora' }));
    expect(again).toMatchObject({ ok: true, data: { publishedPolicyVersion: 5 } });
  });

  it('refuses an unreadable brand colour with the contrast figure, and saves nothing', async () => {
    const { updatePropertyAction } = await actions();
    const auditBefore = (await propertyAudit()).length;
    const result = await updatePropertyAction(form({ brandColor: '#7a7a7a' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (result.ok) return;
    expect(result.error.message).toMatch(/4\.2:1.*4\.5:1 \(WCAG AA\)/);
    expect(result.error.fieldErrors?.brandColor?.[0]).toMatch(/4\.2:1/);
    expect((await identity()).brandColor).toBe('#1b2a4a');
    expect((await propertyAudit()).length).toBe(auditBefore);
  });

  it('refuses a required policy with no text in the default language', async () => {
    const { updatePropertyAction } = await actions();
    const result = await updatePropertyAction(form({ defaultLocale: 'de', policyRequired: true }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.fieldErrors?.policyRequired?.[0]).toMatch(/Deutsch/);
  });

  it('refuses card data typed into a policy', async () => {
    const { updatePropertyAction } = await actions();
    const result = await updatePropertyAction(
      form({ policyTexts: { en: 'Pay with 4111 1111 1111 1111' } }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).toMatch(/full card number/);
  });
});

describe('who may change the Property settings', () => {
  it('front desk is refused, audited, and nothing changes', async () => {
    session.staffId = frontDeskId;
    const { updatePropertyAction, removeLogoAction } = await actions();
    const before = await identity();
    const update = await updatePropertyAction(form({ displayName: 'Desk Was Here' }));
    expect(update).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!update.ok)
      expect(update.error.message).toBe('Only a manager can change the property settings.');
    expect(await removeLogoAction({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await identity()).name).toBe(before.name);
    const { listAudit } = await import('@/lib/db/staff-ledger');
    const denied = await listAudit(database.db, { actionPrefix: 'staff.access_denied' });
    expect(denied.length).toBe(2);
  });

  it('nobody signed in is refused', async () => {
    session.staffId = undefined;
    const { updatePropertyAction, removeLogoAction } = await actions();
    expect(await updatePropertyAction(form())).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(await removeLogoAction({})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });
});

describe('removing the logo', () => {
  it('takes it off guest pages, audited, and keeps the image for pages already showing it', async () => {
    const { processLogo } = await import('@/lib/payments/property/logo');
    const { saveLogo } = await import('@/lib/payments/property/settings');
    const png = await sharp({
      create: { width: 200, height: 100, channels: 4, background: '#1b2a4a' },
    })
      .png()
      .toBuffer();
    const actor = { type: 'staff' as const, staffId: managerId, email: 'manager@hotel.test' };
    const saved = await saveLogo(ctx, await processLogo(png), actor);
    expect((await identity()).logo).toMatchObject({ url: saved.url, width: 200, height: 100 });

    const { removeLogoAction } = await actions();
    expect(await removeLogoAction({})).toEqual({ ok: true, data: { removed: true } });
    expect((await identity()).logo).toBeNull();
    expect(await removeLogoAction({})).toEqual({ ok: true, data: { removed: false } });
    const { readPropertyLogo } = await import('@/lib/db/property-profile');
    expect(await readPropertyLogo(database.db, saved.version)).toBeDefined();
    const changes = (await propertyAudit()).filter((row) => row.action === 'property.logo_changed');
    expect(changes.map((row) => row.details?.version)).toEqual([saved.version, null]);
  });
});

describe('the settings page data', () => {
  it('shows the saved values as typed, and the current policy version with its publisher', async () => {
    const { readPropertySettings } = await import('@/lib/payments/property/settings');
    const view = await readPropertySettings(ctx);
    expect(view.values).toMatchObject({
      displayName: 'Aurora',
      reminderDaysBefore: '3, 1',
      policyTexts: { en: POLICY_EN, nl: '', de: '', fr: '', cs: '' },
    });
    expect(view.policy).toMatchObject({ version: 5, publishedBy: 'manager@hotel.test' });
    expect(Date.parse(view.policy!.publishedAt)).not.toBeNaN();
    expect(view.updatedBy).toBe('manager@hotel.test');
    // Mews is not reachable in this suite: the page still loads, without the Mews name.
    expect(view.mewsName).toBeNull();
  });
});

describe.each(testDatabaseTargets)('policy versions on $label', ({ open }) => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await open();
  });
  afterAll(async () => {
    await target?.close();
  });

  it('are numbered one above the highest, and concurrent publishes never share a number', async () => {
    const { insertPolicyVersion, readPolicyVersion } = await import('@/lib/db/property-profile');
    const first = await insertPolicyVersion(target.db, {
      texts: { en: 'One' },
      defaultLocale: 'en',
      createdByStaffId: null,
    });
    expect(first).toMatchObject({ version: 1, texts: { en: 'One' }, defaultLocale: 'en' });
    const settled = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) =>
        insertPolicyVersion(target.db, {
          texts: { en: `Text ${index}` },
          defaultLocale: 'en',
          createdByStaffId: null,
        }),
      ),
    );
    const versions = settled.flatMap((outcome) =>
      outcome.status === 'fulfilled' ? [outcome.value.version] : [],
    );
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions.every((version) => version >= 2 && version <= 6)).toBe(true);
    const { isUniqueViolation } = await import('@/lib/db/errors');
    for (const outcome of settled) {
      if (outcome.status === 'rejected') expect(isUniqueViolation(outcome.reason)).toBe(true);
    }
    expect((await readPolicyVersion(target.db, 1))?.texts).toEqual({ en: 'One' });
  });

  it('are published together with the profile that names them, in one statement', async () => {
    const { upsertPropertyProfileWithPolicy, readPropertyProfile, readPolicyVersion } =
      await import('@/lib/db/property-profile');
    const { profile, policyVersion } = await upsertPropertyProfileWithPolicy(
      target.db,
      { displayName: 'Aurora', policyRequired: true },
      { texts: { en: 'Latest' }, defaultLocale: 'en', createdByStaffId: null },
    );
    expect(policyVersion).toBeGreaterThanOrEqual(2);
    expect(profile).toMatchObject({ displayName: 'Aurora', policyVersion, policyRequired: true });
    expect(await readPropertyProfile(target.db)).toMatchObject({ policyVersion });
    expect((await readPolicyVersion(target.db, policyVersion))?.texts).toEqual({ en: 'Latest' });
  });
});
