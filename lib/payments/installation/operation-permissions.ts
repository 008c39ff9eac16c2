import 'server-only';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { installationSettings } from '@/lib/db/schema';
import {
  MewsApiError,
  PROBED_OPERATIONS,
  type MewsOperationName,
  type OperationPermission,
  type OperationPermissions,
} from '@/lib/mews';
import { getPaymentContext, type PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';

/**
 * Which payment methods work on this installation's Mews connection. Mews grants some payment
 * writes only at certification and refuses the others with `401` "No permission to use this
 * operation." (reference §1.4, §2.2), so the app asks once, without side effects
 * (`mews.probeOperationPermissions`), at start and whenever the answer is older than a few hours,
 * and again right after a payment write was refused with a 401. The answer is kept in memory and
 * in `installation_settings`, so every instance and `/api/health` read the same.
 *
 * Pages ask `paymentCapabilities` (which probes when nothing is known yet); payment commands ask
 * `assertPaymentCapability`, which only reads what is known and never sends a probe in the middle
 * of a payment.
 */

/** How long an answer without doubt is trusted. */
export const OPERATION_PERMISSIONS_TTL_MS = 4 * 3_600_000;
/** An answer with an `unknown` verdict or a token problem is asked again sooner. */
const UNCERTAIN_TTL_MS = 5 * 60_000;
/** After a 401 on a payment write, at most one fresh probe per connection in this interval. */
const RECHECK_AFTER_401_MIN_INTERVAL_MS = 60_000;

const SETTING_PREFIX = 'mews_operation_permissions';

export type PaymentMethodKey = 'newCard' | 'storedCard' | 'external' | 'terminal' | 'refund';

export interface Capability {
  available: boolean;
  /** Why it is unavailable (or unconfirmed), in words a manager can act on; `null` when fine. */
  reason: string | null;
}

export type PaymentCapabilities = Record<PaymentMethodKey, Capability>;

/** What each staff method needs from Mews. A new card is stored, then charged. */
export const METHOD_OPERATIONS: Record<PaymentMethodKey, readonly MewsOperationName[]> = {
  newCard: ['creditCards/addTokenized', 'creditCards/charge'],
  storedCard: ['creditCards/charge'],
  external: ['payments/addExternal'],
  terminal: ['payments/addCreditCard'],
  refund: ['payments/refund'],
};

export const METHOD_LABELS: Record<PaymentMethodKey, string> = {
  newCard: 'New card',
  storedCard: 'Stored card',
  external: 'External payment',
  terminal: 'Terminal card payment',
  refund: 'Refund',
};

interface CacheEntry {
  permissions: OperationPermissions;
  expiresAt: number;
}

const memory = new Map<string, CacheEntry>();
const inFlight = new Map<string, Promise<OperationPermissions>>();
const lastRecheckAt = new Map<string, number>();

/** The connection's key, or `null` for a stand-in client that has none (nothing is cached then). */
function connectionOf(ctx: PaymentContext): string | null {
  const key = (ctx.mews as { connectionKey?: unknown }).connectionKey;
  return typeof key === 'string' && key.length > 0 ? key : null;
}

function settingName(connection: string): string {
  return `${SETTING_PREFIX}:${createHash('sha256').update(connection).digest('hex').slice(0, 24)}`;
}

function isUncertain(permissions: OperationPermissions): boolean {
  return (
    permissions.tokenProblem !== null ||
    PROBED_OPERATIONS.some((operation) => permissions.operations[operation]?.verdict !== 'allowed')
  );
}

function expiryOf(permissions: OperationPermissions): number {
  return (
    permissions.checkedAt.getTime() +
    (isUncertain(permissions) ? UNCERTAIN_TTL_MS : OPERATION_PERMISSIONS_TTL_MS)
  );
}

function unknownPermissions(ctx: PaymentContext, why: string): OperationPermissions {
  return {
    checkedAt: ctx.now(),
    tokenProblem: null,
    operations: Object.fromEntries(
      PROBED_OPERATIONS.map((operation) => [
        operation,
        { verdict: 'unknown', status: null, mewsMessage: why } satisfies OperationPermission,
      ]),
    ),
  };
}

// --- storage -------------------------------------------------------------------------------------

interface StoredPermissions {
  checkedAt: string;
  tokenProblem: string | null;
  operations: OperationPermissions['operations'];
}

async function readStored(
  ctx: PaymentContext,
  connection: string,
): Promise<OperationPermissions | null> {
  try {
    const [row] = await ctx.db
      .select()
      .from(installationSettings)
      .where(eq(installationSettings.name, settingName(connection)))
      .limit(1);
    if (!row) return null;
    const stored = JSON.parse(row.value) as StoredPermissions;
    const checkedAt = new Date(stored.checkedAt);
    if (Number.isNaN(checkedAt.getTime()) || typeof stored.operations !== 'object') return null;
    return {
      checkedAt,
      tokenProblem: stored.tokenProblem ?? null,
      operations: stored.operations ?? {},
    };
  } catch (error) {
    ctx.log.warn({ err: error }, 'Stored Mews operation permissions could not be read');
    return null;
  }
}

async function store(
  ctx: PaymentContext,
  connection: string,
  permissions: OperationPermissions,
): Promise<void> {
  const value = JSON.stringify({
    checkedAt: permissions.checkedAt.toISOString(),
    tokenProblem: permissions.tokenProblem,
    operations: permissions.operations,
  } satisfies StoredPermissions);
  try {
    await ctx.db
      .insert(installationSettings)
      .values({ name: settingName(connection), value })
      .onConflictDoUpdate({ target: installationSettings.name, set: { value } });
  } catch (error) {
    ctx.log.warn({ err: error }, 'Mews operation permissions could not be stored');
  }
}

function remember(connection: string, permissions: OperationPermissions): OperationPermissions {
  memory.set(connection, { permissions, expiresAt: expiryOf(permissions) });
  return permissions;
}

// --- probing -------------------------------------------------------------------------------------

/** Probes now (one probe per connection at a time), stores and returns the answer. Never throws. */
export async function refreshOperationPermissions(
  ctx: PaymentContext,
): Promise<OperationPermissions> {
  const connection = connectionOf(ctx);
  const running = connection ? inFlight.get(connection) : undefined;
  if (running) return running;
  const probe = (async () => {
    let permissions: OperationPermissions;
    try {
      permissions = await ctx.mews.probeOperationPermissions();
    } catch (error) {
      ctx.log.warn({ err: error }, 'Mews operation permissions could not be checked');
      permissions = unknownPermissions(
        ctx,
        `The check could not run: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    logFindings(ctx, permissions);
    if (connection) {
      remember(connection, permissions);
      await store(ctx, connection, permissions);
    }
    return permissions;
  })();
  if (!connection) return probe;
  inFlight.set(connection, probe);
  try {
    return await probe;
  } finally {
    inFlight.delete(connection);
  }
}

function logFindings(ctx: PaymentContext, permissions: OperationPermissions): void {
  if (permissions.tokenProblem) {
    ctx.log.error({ tokenProblem: permissions.tokenProblem }, 'Mews refused the access token');
    return;
  }
  const denied = PROBED_OPERATIONS.filter(
    (operation) => permissions.operations[operation]?.verdict === 'denied',
  );
  if (denied.length > 0) {
    ctx.log.warn(
      { denied },
      `Mews has not granted this connection ${denied.join(', ')}: the payment methods that need them are not offered`,
    );
  }
}

/**
 * What is known about the connection's permissions, probing when nothing is known or the answer
 * has expired. Never throws: a failed check is an answer of `unknown` verdicts.
 */
export async function getOperationPermissions(ctx: PaymentContext): Promise<OperationPermissions> {
  const connection = connectionOf(ctx);
  if (!connection) return refreshOperationPermissions(ctx);
  const now = ctx.now().getTime();
  const cached = memory.get(connection);
  if (cached && cached.expiresAt > now) return cached.permissions;
  const stored = await readStored(ctx, connection);
  if (stored && expiryOf(stored) > now) return remember(connection, stored);
  return refreshOperationPermissions(ctx);
}

/**
 * What is known without asking Mews: the memory, then the database, expired or not (an old
 * `denied` is still the best knowledge there is); `null` when this connection was never checked.
 */
export async function knownOperationPermissions(
  ctx: PaymentContext,
): Promise<OperationPermissions | null> {
  const connection = connectionOf(ctx);
  if (!connection) return null;
  const cached = memory.get(connection);
  if (cached) return cached.permissions;
  const stored = await readStored(ctx, connection);
  return stored ? remember(connection, stored) : null;
}

/**
 * Called after a payment write got a 401. The probe starts with `configuration/get`: if the token
 * itself is refused, that is a token problem and no permission changes; otherwise the write's
 * operation is now known to be denied and the methods that need it are withdrawn. At most one such
 * re-check per connection a minute. Never throws.
 */
export async function recheckPermissionsAfterUnauthorized(
  ctx: PaymentContext,
  error: unknown,
): Promise<void> {
  if (!(error instanceof MewsApiError) || error.status !== 401) return;
  const connection = connectionOf(ctx) ?? '';
  const now = ctx.now().getTime();
  const last = lastRecheckAt.get(connection);
  if (last !== undefined && now - last < RECHECK_AFTER_401_MIN_INTERVAL_MS) return;
  lastRecheckAt.set(connection, now);
  ctx.log.warn(
    { operation: error.operation, requestId: error.requestId },
    'Mews answered a payment write with 401; checking the connection’s permissions again',
  );
  await refreshOperationPermissions(ctx);
}

// --- capabilities --------------------------------------------------------------------------------

function statusText(permission: OperationPermission | undefined): string {
  if (!permission) return 'not checked';
  const status = permission.status === null ? 'no answer' : String(permission.status);
  return permission.mewsMessage ? `${status} ${permission.mewsMessage}` : status;
}

/** The capabilities the permissions allow; a method is withdrawn only on certain knowledge. */
export function capabilitiesOf(permissions: OperationPermissions | null): PaymentCapabilities {
  const entries = (Object.keys(METHOD_OPERATIONS) as PaymentMethodKey[]).map((method) => {
    const needed = METHOD_OPERATIONS[method];
    if (!permissions) return [method, { available: true, reason: null }] as const;
    if (permissions.tokenProblem) {
      return [method, { available: false, reason: permissions.tokenProblem }] as const;
    }
    const denied = needed.filter(
      (operation) => permissions.operations[operation]?.verdict === 'denied',
    );
    if (denied.length > 0) {
      const answer = statusText(permissions.operations[denied[0]!]);
      return [
        method,
        {
          available: false,
          reason: `Mews has not granted this connection ${denied.join(' and ')} (${answer}). Ask Mews to enable ${denied.length > 1 ? 'them' : 'it'} at certification.`,
        },
      ] as const;
    }
    const unsure = needed.filter(
      (operation) => permissions.operations[operation]?.verdict !== 'allowed',
    );
    if (unsure.length > 0) {
      // Offered all the same: a Mews hiccup during the check must not switch payments off.
      return [
        method,
        {
          available: true,
          reason: `Not confirmed: the check of ${unsure.join(' and ')} got no clear answer (${statusText(permissions.operations[unsure[0]!])}). It is offered and checked again within minutes.`,
        },
      ] as const;
    }
    return [method, { available: true, reason: null }] as const;
  });
  return Object.fromEntries(entries) as PaymentCapabilities;
}

/** The payment methods the connection can take, for pages (probes when nothing is known yet). */
export async function paymentCapabilities(ctx: PaymentContext): Promise<PaymentCapabilities> {
  return capabilitiesOf(await getOperationPermissions(ctx));
}

/**
 * Refuses a payment method Mews is known to refuse, before anything is written. Reads only what
 * is known (a probe is never sent in the middle of a payment); a connection never checked passes.
 */
export async function assertPaymentCapability(
  ctx: PaymentContext,
  method: PaymentMethodKey,
): Promise<void> {
  const capability = capabilitiesOf(await knownOperationPermissions(ctx))[method];
  if (capability.available) return;
  throw new PaymentError(
    method === 'newCard' || method === 'storedCard'
      ? 'card_payment_unavailable'
      : 'method_unavailable',
    `${METHOD_LABELS[method]} is not available on this Mews connection: ${capability.reason}`,
  );
}

/** Whether guests may be offered a card (store, then charge), from what is known or a probe. */
export async function guestCardCapability(ctx: PaymentContext): Promise<Capability> {
  return (await paymentCapabilities(ctx)).newCard;
}

// --- reports -------------------------------------------------------------------------------------

export interface PaymentMethodStatus extends Capability {
  method: PaymentMethodKey;
  label: string;
  operations: MewsOperationName[];
}

export interface OperationPermissionReport {
  checkedAt: string;
  tokenProblem: string | null;
  operations: Array<{ operation: MewsOperationName } & OperationPermission>;
  methods: PaymentMethodStatus[];
}

/** For the dashboard and `/api/health` details: every verdict and every method, with reasons. */
export async function operationPermissionReport(
  ctx: PaymentContext,
): Promise<OperationPermissionReport> {
  const permissions = await getOperationPermissions(ctx);
  const capabilities = capabilitiesOf(permissions);
  return {
    checkedAt: permissions.checkedAt.toISOString(),
    tokenProblem: permissions.tokenProblem,
    operations: PROBED_OPERATIONS.map((operation) => ({
      operation,
      ...(permissions.operations[operation] ?? {
        verdict: 'unknown' as const,
        status: null,
        mewsMessage: null,
      }),
    })),
    methods: (Object.keys(METHOD_OPERATIONS) as PaymentMethodKey[]).map((method) => ({
      method,
      label: METHOD_LABELS[method],
      operations: [...METHOD_OPERATIONS[method]],
      ...capabilities[method],
    })),
  };
}

/**
 * The detailed part of `/api/health`: Mews' verdict on each payment write and each method with
 * its reason. Never throws (health must answer whatever is broken).
 */
export async function operationPermissionsHealth(): Promise<{
  operationPermissions: OperationPermissionReport | { error: string };
}> {
  try {
    return { operationPermissions: await operationPermissionReport(await getPaymentContext()) };
  } catch (error) {
    return {
      operationPermissions: {
        error: `Could not be read: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
}

/** Forgets what this process knows (tests; a token change is a restart anyway). */
export function forgetOperationPermissions(): void {
  memory.clear();
  inFlight.clear();
  lastRecheckAt.clear();
}
