import 'server-only';
import { z } from 'zod';
import { readInstallationSetting, writeInstallationSetting } from '@/lib/db/installation-settings';
import { MewsApiError, type AlternativeProbeResult } from '@/lib/mews';
import { audit, type AuditActor } from '@/lib/server/audit';
import { getPaymentContext, type PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';

/**
 * Alternative payment methods (iDEAL) as a per-installation setting, off until a manager turns it
 * on. `payments/addAlternative` works only where the property has the method in its Mews
 * subscription (Stripe gateway and the iDEAL add-on), and no API field says so: turning it on asks
 * Mews once with a request it can only refuse, and a `403` on a real payment turns it off again.
 * Stored in `installation_settings` so every instance on one database offers the same methods.
 */

/** The `installation_settings` row. */
export const IDEAL_SETTING_NAME = 'payments.ideal';

export interface IdealSetting {
  enabled: boolean;
  /** When Mews last refused iDEAL (the probe or a real payment answered 403 or 401). */
  refusedAt: Date | null;
  /** Mews' own words for that refusal (or ours when Mews gave none). */
  refusalMessage: string | null;
  /** When and by whom the setting last changed (`null` on a fresh installation). */
  changedAt: Date | null;
  changedBy: string | null;
  /** When a real iDEAL payment first went through after it was turned on: Mews' confirmation. */
  confirmedAt: Date | null;
}

/** The same, as a page or a server action hands it to the browser. */
export interface IdealSettingView {
  enabled: boolean;
  refusedAt: string | null;
  refusalMessage: string | null;
  changedAt: string | null;
  changedBy: string | null;
  confirmedAt: string | null;
}

const storedSchema = z.object({
  enabled: z.boolean(),
  refusedAt: z.string().nullable().default(null),
  refusalMessage: z.string().nullable().default(null),
  changedAt: z.string().nullable().default(null),
  changedBy: z.string().nullable().default(null),
  confirmedAt: z.string().nullable().default(null),
});
type StoredIdealSetting = z.output<typeof storedSchema>;

const OFF: StoredIdealSetting = {
  enabled: false,
  refusedAt: null,
  refusalMessage: null,
  changedAt: null,
  changedBy: null,
  confirmedAt: null,
};

const dateOf = (value: string | null) => (value ? new Date(value) : null);

async function readStored(ctx: PaymentContext): Promise<StoredIdealSetting> {
  const raw = await readInstallationSetting(ctx.db, IDEAL_SETTING_NAME);
  if (raw === null) return OFF;
  try {
    return storedSchema.parse(JSON.parse(raw));
  } catch (error) {
    // A row we cannot read must not offer a method nobody confirmed.
    ctx.log.error({ err: error }, 'iDEAL setting unreadable; treated as off');
    return OFF;
  }
}

async function writeStored(ctx: PaymentContext, value: StoredIdealSetting): Promise<void> {
  await writeInstallationSetting(ctx.db, IDEAL_SETTING_NAME, JSON.stringify(value));
}

/** Whether guests are offered iDEAL, and why not when Mews refused it. Off on a fresh installation. */
export async function readIdealSetting(ctx: PaymentContext): Promise<IdealSetting> {
  const stored = await readStored(ctx);
  return {
    enabled: stored.enabled,
    refusedAt: dateOf(stored.refusedAt),
    refusalMessage: stored.refusalMessage,
    changedAt: dateOf(stored.changedAt),
    changedBy: stored.changedBy,
    confirmedAt: dateOf(stored.confirmedAt),
  };
}

export function idealSettingView(setting: IdealSetting): IdealSettingView {
  return {
    enabled: setting.enabled,
    refusedAt: setting.refusedAt?.toISOString() ?? null,
    refusalMessage: setting.refusalMessage,
    changedAt: setting.changedAt?.toISOString() ?? null,
    changedBy: setting.changedBy,
    confirmedAt: setting.confirmedAt?.toISOString() ?? null,
  };
}

function actorLabel(actor: AuditActor): string {
  switch (actor.type) {
    case 'staff':
      return actor.email;
    case 'api':
      return `api:${actor.keyName}`;
    default:
      return actor.type;
  }
}

const SUBJECT = { subjectType: 'installation_setting', subjectId: IDEAL_SETTING_NAME } as const;

export const idealSettingSchema = z.object({ enabled: z.boolean() });

/** Where the probe says Mews would send a payer back: a page of ours, never followed. */
function probeRedirectUrl(ctx: PaymentContext): string {
  return new URL('/staff/settings', ctx.appUrl).href;
}

/** What a manager reads when Mews refused iDEAL, with Mews' own words when it gave any. */
function refusalText(probe: AlternativeProbeResult): string {
  if (probe.verdict === 'no-permission') {
    return `The Mews connection has no permission to start iDEAL payments (payments/addAlternative answered 401${probe.mewsMessage ? `: ${probe.mewsMessage}` : ''}). Ask Mews to grant the operation to this integration.`;
  }
  return probe.mewsMessage ?? probe.detail;
}

/**
 * Turns iDEAL on after one real, side-effect-free call to Mews (`payments/addAlternative` for a
 * customer that does not exist): a `400` about the customer means Mews got past the method check,
 * a `403` (not in the subscription) or `401` (no permission) leaves it off with Mews' message, and
 * no answer leaves the setting as it was. Every outcome is audited.
 */
export async function enableIdeal(ctx: PaymentContext, actor: AuditActor): Promise<IdealSetting> {
  const probe = await ctx.mews.probeAlternativeMethod({
    method: 'ideal',
    redirectUrl: probeRedirectUrl(ctx),
  });
  const now = ctx.now().toISOString();
  const probeDetails = { probeStatus: probe.status, mewsMessage: probe.mewsMessage };
  if (probe.verdict === 'available') {
    const previous = await readStored(ctx);
    await writeStored(ctx, {
      enabled: true,
      refusedAt: null,
      refusalMessage: null,
      changedAt: now,
      changedBy: actorLabel(actor),
      confirmedAt: previous.enabled ? previous.confirmedAt : null,
    });
    await audit(ctx, actor, {
      action: 'settings.ideal.enabled',
      outcome: 'success',
      ...SUBJECT,
      details: probeDetails,
    });
    return readIdealSetting(ctx);
  }
  if (probe.verdict === 'unknown') {
    await audit(ctx, actor, {
      action: 'settings.ideal.enabled',
      outcome: 'unknown',
      ...SUBJECT,
      details: { ...probeDetails, detail: probe.detail },
    });
    throw new PaymentError(
      'mews_unavailable',
      'Mews did not give an answer that tells whether iDEAL is available. Nothing was changed; please try again in a moment.',
    );
  }
  const message = refusalText(probe);
  await writeStored(ctx, {
    enabled: false,
    refusedAt: now,
    refusalMessage: message,
    changedAt: now,
    changedBy: actorLabel(actor),
    confirmedAt: null,
  });
  await audit(ctx, actor, {
    action: 'settings.ideal.enabled',
    outcome: 'denied',
    ...SUBJECT,
    details: { ...probeDetails, verdict: probe.verdict },
  });
  throw new PaymentError('method_unavailable', `Mews refused iDEAL: ${message}`, {
    userVisible: true,
  });
}

/** Turns iDEAL off (a manager's choice: no call to Mews), audited. */
export async function disableIdeal(ctx: PaymentContext, actor: AuditActor): Promise<IdealSetting> {
  const previous = await readStored(ctx);
  await writeStored(ctx, {
    ...previous,
    enabled: false,
    confirmedAt: null,
    changedAt: ctx.now().toISOString(),
    changedBy: actorLabel(actor),
  });
  await audit(ctx, actor, { action: 'settings.ideal.disabled', outcome: 'success', ...SUBJECT });
  return readIdealSetting(ctx);
}

/** The manager's toggle: on (after asking Mews) or off. */
export async function setIdealEnabled(
  ctx: PaymentContext,
  input: z.output<typeof idealSettingSchema>,
  actor: AuditActor,
): Promise<IdealSettingView> {
  const setting = input.enabled ? await enableIdeal(ctx, actor) : await disableIdeal(ctx, actor);
  return idealSettingView(setting);
}

/** Whether an error from `payments/addAlternative` is Mews refusing the method itself. */
export function isAlternativeMethodRefusal(error: unknown): error is MewsApiError {
  return (
    error instanceof MewsApiError &&
    error.operation === 'payments/addAlternative' &&
    error.status === 403
  );
}

/**
 * Remembers that Mews refused a real iDEAL payment with `403`: iDEAL is switched off at once with
 * Mews' message and the time, so no other guest is offered a method that cannot work, and the
 * manager reads why on the settings page (and may try again). Audited and logged as a warning.
 */
export async function rememberIdealRefusal(
  ctx: PaymentContext,
  error: MewsApiError,
  context: { attemptId: string },
): Promise<void> {
  const now = ctx.now().toISOString();
  const message = error.mewsMessage?.trim() || 'Mews refused iDEAL (403) without a message.';
  try {
    await writeStored(ctx, {
      enabled: false,
      refusedAt: now,
      refusalMessage: message,
      changedAt: now,
      changedBy: 'system',
      confirmedAt: null,
    });
  } catch (writeError) {
    ctx.log.error({ err: writeError }, 'iDEAL refusal could not be stored');
    return;
  }
  ctx.log.warn(
    { attemptId: context.attemptId, requestId: error.requestId, mewsMessage: message },
    'Mews refused iDEAL (403); iDEAL switched off until a manager turns it on again',
  );
  await audit(
    ctx,
    { type: 'system' },
    {
      action: 'settings.ideal.refused',
      outcome: 'denied',
      ...SUBJECT,
      details: { attemptId: context.attemptId, mewsMessage: message, requestId: error.requestId },
    },
  );
}

/**
 * Notes the first real iDEAL payment Mews took after the setting was turned on: the probe only
 * showed that Mews got past the method check, this confirms it. One write, once.
 */
export async function confirmIdealIfFirst(ctx: PaymentContext): Promise<void> {
  try {
    const stored = await readStored(ctx);
    if (!stored.enabled || stored.confirmedAt) return;
    await writeStored(ctx, { ...stored, confirmedAt: ctx.now().toISOString() });
  } catch (error) {
    ctx.log.warn({ err: error }, 'iDEAL confirmation could not be stored');
  }
}

/** What the back office's payment-method page shows. */
export interface PaymentMethodSettingsOverview {
  ideal: IdealSettingView;
  /** Whether the hotel accepts euros in Mews (iDEAL's only currency); `null` when Mews did not answer. */
  euroAccepted: boolean | null;
  hotelName: string | null;
}

export async function paymentMethodSettingsOverview(
  ctx: PaymentContext,
): Promise<PaymentMethodSettingsOverview> {
  const [setting, configuration] = await Promise.all([
    readIdealSetting(ctx),
    ctx.mews.getConfiguration().catch(() => null),
  ]);
  return {
    ideal: idealSettingView(setting),
    euroAccepted: configuration ? configuration.currencies.enabled.includes('EUR') : null,
    hotelName: configuration?.enterprise.name ?? null,
  };
}

/**
 * For `/api/health` details (managers and monitors): whether iDEAL is offered, and why not when
 * Mews refused it. Never throws: a health check reports, it does not fail on a setting.
 */
export async function alternativeMethodsHealth(ctx?: PaymentContext): Promise<{
  alternativeMethods: {
    ideal: Pick<IdealSettingView, 'enabled' | 'refusedAt' | 'refusalMessage'> | { error: string };
  };
}> {
  try {
    const setting = await readIdealSetting(ctx ?? (await getPaymentContext()));
    return {
      alternativeMethods: {
        ideal: {
          enabled: setting.enabled,
          refusedAt: setting.refusedAt?.toISOString() ?? null,
          refusalMessage: setting.refusalMessage,
        },
      },
    };
  } catch {
    return { alternativeMethods: { ideal: { error: 'setting unreadable' } } };
  }
}
