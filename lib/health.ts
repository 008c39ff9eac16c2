import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { requireStaff } from '@/lib/auth/require-staff';
import { roleAllows } from '@/lib/auth/roles';
import { getConfig } from '@/lib/config';
import { getDatabaseHandle } from '@/lib/db';
import { pingDatabase } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { getMewsClient, isMewsError } from '@/lib/mews';
import { getPaymentContext } from '@/lib/server/context';

export interface DependencyCheck {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  checks: {
    database: DependencyCheck & { kind: 'pglite' | 'postgres' | 'unknown' };
    mews: DependencyCheck & { mode: string; enterprise?: string };
  };
}

// Probes are frequent and the Connector API allows 200 requests per 30 s for everything we do:
// one real `configuration/get` every few seconds is plenty to tell whether Mews answers.
const MEWS_PROBE_TTL_MS = 5_000;
let lastMewsProbe: { at: number; result: HealthReport['checks']['mews'] } | undefined;

async function timed<T>(
  work: () => Promise<T>,
): Promise<{ value?: T; error?: unknown; latencyMs: number }> {
  const started = performance.now();
  try {
    const value = await work();
    return { value, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { error, latencyMs: Math.round(performance.now() - started) };
  }
}

async function checkDatabase(): Promise<HealthReport['checks']['database']> {
  const result = await timed(async () => {
    const handle = await getDatabaseHandle();
    return { kind: handle.kind, up: await pingDatabase(handle.db) };
  });
  if (result.value?.up) return { ok: true, kind: result.value.kind, latencyMs: result.latencyMs };
  if (result.error) logger.warn({ err: result.error }, 'Health check: database unreachable');
  return {
    ok: false,
    kind: result.value?.kind ?? 'unknown',
    latencyMs: result.latencyMs,
    error: 'database unreachable',
  };
}

async function checkMews(): Promise<HealthReport['checks']['mews']> {
  const mode = getConfig().mews.mode;
  if (lastMewsProbe && Date.now() - lastMewsProbe.at < MEWS_PROBE_TTL_MS)
    return lastMewsProbe.result;
  const result = await timed(() =>
    getMewsClient().getConfiguration({ refresh: true, timeoutMs: 5_000 }),
  );
  let check: HealthReport['checks']['mews'];
  if (result.value) {
    check = {
      ok: true,
      mode,
      enterprise: result.value.enterprise.name,
      latencyMs: result.latencyMs,
    };
  } else {
    const reason = isMewsError(result.error) ? result.error.message : 'Mews unreachable';
    logger.warn({ err: result.error }, 'Health check: Mews unreachable');
    check = { ok: false, mode, latencyMs: result.latencyMs, error: reason };
  }
  lastMewsProbe = { at: Date.now(), result: check };
  return check;
}

/** Reachability of what a payment needs: our database and the Mews Connector API. */
export async function checkHealth(): Promise<HealthReport> {
  const [database, mews] = await Promise.all([checkDatabase(), checkMews()]);
  return {
    status: database.ok && mews.ok ? 'ok' : 'degraded',
    version: getConfig().version,
    checks: { database, mews },
  };
}

/** What anyone may know: whether the app can take payments, and nothing about what it runs on. */
export interface PublicHealthReport {
  status: HealthReport['status'];
}

/** The bare status for the public; the version, database kind, Mews mode and hotel name stay inside. */
export function publicHealth(report: HealthReport): PublicHealthReport {
  return { status: report.status };
}

/** `Authorization: Bearer <HEALTH_TOKEN>`, compared in constant time (both sides hashed to one length). */
export function bearerMatchesHealthToken(
  authorization: string | null,
  token: string | undefined,
): boolean {
  if (!token || !authorization) return false;
  const match = /^Bearer +(\S+) *$/i.exec(authorization);
  if (!match?.[1]) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}

/**
 * Whether this request may read the detailed report: it carries HEALTH_TOKEN as a bearer token (a
 * monitor), or a session of an enabled manager (read back from the database like every staff
 * request; a front-desk session gets the public answer, without an access-denied audit).
 */
export async function mayReadHealthDetails(request: Request): Promise<boolean> {
  if (bearerMatchesHealthToken(request.headers.get('authorization'), getConfig().healthToken))
    return true;
  try {
    const actor = await requireStaff(await getPaymentContext(), 'frontdesk');
    return roleAllows(actor.role, 'manager');
  } catch {
    return false;
  }
}
