import 'server-only';
import { isUniqueViolation } from '@/lib/db/errors';
import {
  insertPropertyLogo,
  readPolicyVersion,
  readPropertyLogoSize,
  readPropertyProfile,
  upsertPropertyProfile,
  upsertPropertyProfileWithPolicy,
  type PropertyProfileChanges,
} from '@/lib/db/property-profile';
import { findStaffUserById } from '@/lib/db/staff-accounts';
import type { PropertyProfile } from '@/lib/db/schema';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '@/lib/i18n/locales';
import { audit, type AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { faviconUrl, forgetPropertyIdentity, logoUrl } from './identity';
import type { ProcessedLogo } from './logo';
import type { PropertySettings, PropertySettingsInput } from './schemas';

/**
 * The manager's Property settings: the hotel's name, look, contact, deposit policy and e-mail
 * schedule, one row (property_profile) that guest pages and e-mails read through the identity.
 *
 * Each save is one statement (a new policy version and the profile naming it are written together),
 * then audited, as every setting of the back office is. No database transaction on purpose: none of
 * the app's flows holds one open across statements (PGlite, the embedded default, runs one
 * connection for everyone). A changed policy text publishes a new policy version, never an edit of
 * the old one: what a guest accepted stays readable word for word.
 */

const SUBJECT = { subjectType: 'property', subjectId: '1' } as const;

/** Profile columns compared for the audit's list of changed fields. */
const AUDITED_FIELDS = [
  'displayName',
  'brandColor',
  'phone',
  'email',
  'website',
  'address',
  'defaultLocale',
  'policyRequired',
  'reminderDaysBefore',
  'receiptCopyEmail',
] as const satisfies ReadonlyArray<keyof PropertySettings & keyof PropertyProfile>;

/** What the settings page shows: the form's current values and what the hotel has published. */
export interface PropertySettingsView {
  values: PropertySettingsInput & { reminderDaysBefore: string };
  /** Mews' enterprise name: shown when the display name is empty (null when Mews did not answer). */
  mewsName: string | null;
  logo: { url: string; faviconUrl: string; width: number; height: number } | null;
  policy: { version: number; publishedAt: string; publishedBy: string | null } | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

async function staffEmail(ctx: PaymentContext, staffId: string | null): Promise<string | null> {
  if (!staffId) return null;
  return (await findStaffUserById(ctx.db, staffId))?.email ?? null;
}

export async function readPropertySettings(ctx: PaymentContext): Promise<PropertySettingsView> {
  const [profile, mewsName] = await Promise.all([
    readPropertyProfile(ctx.db),
    ctx.mews.getConfiguration().then(
      (configuration) => configuration.enterprise.name,
      () => null,
    ),
  ]);
  const [policy, logoSize] = await Promise.all([
    profile?.policyVersion != null ? readPolicyVersion(ctx.db, profile.policyVersion) : undefined,
    profile?.logoVersion ? readPropertyLogoSize(ctx.db, profile.logoVersion) : undefined,
  ]);
  const texts = policy?.texts ?? {};
  const defaultLocale: Locale =
    profile && isLocale(profile.defaultLocale) ? profile.defaultLocale : DEFAULT_LOCALE;
  return {
    values: {
      displayName: profile?.displayName ?? '',
      brandColor: profile?.brandColor ?? '',
      phone: profile?.phone ?? '',
      email: profile?.email ?? '',
      website: profile?.website ?? '',
      address: profile?.address ?? '',
      defaultLocale,
      policyTexts: Object.fromEntries(LOCALES.map((locale) => [locale, texts[locale] ?? ''])),
      policyRequired: profile?.policyRequired ?? false,
      reminderDaysBefore: (profile?.reminderDaysBefore ?? [3, 1]).join(', '),
      receiptCopyEmail: profile?.receiptCopyEmail ?? '',
    },
    mewsName,
    logo:
      profile?.logoVersion && logoSize
        ? {
            url: logoUrl(profile.logoVersion),
            faviconUrl: faviconUrl(profile.logoVersion),
            ...logoSize,
          }
        : null,
    policy: policy
      ? {
          version: policy.version,
          publishedAt: policy.createdAt.toISOString(),
          publishedBy: await staffEmail(ctx, policy.createdByStaffId),
        }
      : null,
    updatedAt: profile?.updatedAt.toISOString() ?? null,
    updatedBy: await staffEmail(ctx, profile?.updatedByStaffId ?? null),
  };
}

/** The columns' defaults: what a first save is compared with. */
const PROFILE_DEFAULTS: Pick<PropertyProfile, (typeof AUDITED_FIELDS)[number]> = {
  displayName: null,
  brandColor: null,
  phone: null,
  email: null,
  website: null,
  address: null,
  defaultLocale: DEFAULT_LOCALE,
  policyRequired: false,
  reminderDaysBefore: [3, 1],
  receiptCopyEmail: null,
};

const staffIdOf = (actor: AuditActor) => (actor.type === 'staff' ? actor.staffId : null);

function sameTexts(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => (a[key] ?? '') === (b[key] ?? ''));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export interface PropertyUpdateResult {
  /** Names of the settings that changed (empty when the form was saved unchanged). */
  changed: string[];
  /** The policy version published by this save, if any. */
  publishedPolicyVersion: number | null;
  policyVersion: number | null;
}

/**
 * Saves the settings. When a policy text changed, publishes a new immutable policy version and
 * points the profile at it; when every text was emptied, the hotel has no policy any more (old
 * versions stay, for the guests who accepted them). Two managers publishing at the same instant:
 * one gets a `conflict` and saves again.
 */
export async function updatePropertySettings(
  ctx: PaymentContext,
  settings: PropertySettings,
  actor: AuditActor,
): Promise<PropertyUpdateResult> {
  const current = await readPropertyProfile(ctx.db);
  const currentTexts =
    current?.policyVersion != null
      ? ((await readPolicyVersion(ctx.db, current.policyVersion))?.texts ?? {})
      : {};
  const before = current ?? PROFILE_DEFAULTS;
  const changed: string[] = AUDITED_FIELDS.filter(
    (field) => !sameValue(settings[field], before[field]),
  );
  const changes: PropertyProfileChanges = {
    displayName: settings.displayName,
    brandColor: settings.brandColor,
    phone: settings.phone,
    email: settings.email,
    website: settings.website,
    address: settings.address,
    defaultLocale: settings.defaultLocale,
    policyRequired: settings.policyRequired,
    reminderDaysBefore: settings.reminderDaysBefore,
    receiptCopyEmail: settings.receiptCopyEmail,
    updatedByStaffId: staffIdOf(actor),
  };
  const texts = settings.policyTexts as Record<string, string>;
  let published: number | null = null;
  let policyVersion = current?.policyVersion ?? null;
  const textsChanged = !sameTexts(texts, currentTexts);
  if (textsChanged) {
    changed.push(
      ...LOCALES.filter((locale) => (texts[locale] ?? '') !== (currentTexts[locale] ?? '')).map(
        (locale) => `policyTexts.${locale}`,
      ),
    );
    if (Object.keys(texts).length === 0) {
      // Every text emptied: no policy any more. The versions stay for the guests who accepted them.
      policyVersion = null;
      changes.policyVersion = null;
    }
  }
  if (textsChanged && Object.keys(texts).length > 0) {
    try {
      ({ policyVersion } = await upsertPropertyProfileWithPolicy(ctx.db, changes, {
        texts,
        defaultLocale: settings.defaultLocale,
        createdByStaffId: staffIdOf(actor),
      }));
    } catch (error) {
      if (isUniqueViolation(error, 'property_policy_versions_pkey')) {
        throw new PaymentError(
          'conflict',
          'Another manager published the policy at the same moment. Nothing was saved; reload the page and save again.',
        );
      }
      throw error;
    }
    published = policyVersion;
  } else {
    await upsertPropertyProfile(ctx.db, changes);
  }
  forgetPropertyIdentity();
  if (changed.length > 0) {
    await audit(ctx, actor, {
      action: 'property.updated',
      outcome: 'success',
      ...SUBJECT,
      details: { changed, policyVersion },
    });
  }
  if (published !== null) {
    await audit(ctx, actor, {
      action: 'property.policy_published',
      outcome: 'success',
      ...SUBJECT,
      details: {
        version: published,
        languages: Object.keys(texts),
        defaultLocale: settings.defaultLocale,
        required: settings.policyRequired,
      },
    });
  }
  return { changed, publishedPolicyVersion: published, policyVersion };
}

/** Stores a processed logo (by its content hash) and makes it the hotel's logo; audited. */
export async function saveLogo(
  ctx: PaymentContext,
  logo: ProcessedLogo,
  actor: AuditActor,
): Promise<{ url: string; faviconUrl: string; width: number; height: number; version: string }> {
  const previous = (await readPropertyProfile(ctx.db))?.logoVersion ?? null;
  // The image first: a profile never names a logo that is not stored. A crash in between leaves
  // an unused row, which costs only its bytes.
  await insertPropertyLogo(ctx.db, {
    version: logo.version,
    contentType: logo.contentType,
    image: logo.image.toString('base64'),
    width: logo.width,
    height: logo.height,
    favicon: logo.favicon.toString('base64'),
    createdByStaffId: staffIdOf(actor),
  });
  await upsertPropertyProfile(ctx.db, {
    logoVersion: logo.version,
    updatedByStaffId: staffIdOf(actor),
  });
  await audit(ctx, actor, {
    action: 'property.logo_changed',
    outcome: 'success',
    ...SUBJECT,
    details: {
      previous,
      version: logo.version,
      width: logo.width,
      height: logo.height,
      bytes: logo.image.length,
      uploaded: logo.uploaded,
    },
  });
  forgetPropertyIdentity();
  return {
    url: logoUrl(logo.version),
    faviconUrl: faviconUrl(logo.version),
    width: logo.width,
    height: logo.height,
    version: logo.version,
  };
}

/** Guest pages and e-mails go back to the name alone; the stored image stays for old pages. */
export async function removeLogo(
  ctx: PaymentContext,
  actor: AuditActor,
): Promise<{ removed: boolean }> {
  const previous = (await readPropertyProfile(ctx.db))?.logoVersion ?? null;
  if (!previous) return { removed: false };
  await upsertPropertyProfile(ctx.db, { logoVersion: null, updatedByStaffId: staffIdOf(actor) });
  await audit(ctx, actor, {
    action: 'property.logo_changed',
    outcome: 'success',
    ...SUBJECT,
    details: { previous, version: null },
  });
  forgetPropertyIdentity();
  return { removed: true };
}
