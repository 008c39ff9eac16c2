import 'server-only';
import {
  attentionCounts,
  countLinksExpiringBy,
  takingsBetween,
  type AttentionCounts,
} from '@/lib/db/dashboard-totals';
import { findPaymentLink } from '@/lib/db/payment-links';
import type { PaymentLink } from '@/lib/db/schema';
import { dailyTotals, listLedger } from '@/lib/db/staff-ledger';
import type { PaymentContext } from '@/lib/server/context';
import { enterpriseConfiguration } from '@/lib/payments/staff/common';
import {
  operationPermissionReport,
  type PaymentMethodStatus,
} from '@/lib/payments/installation/operation-permissions';
import type { StaffRole } from '@/lib/auth/roles';
import {
  countEmailsNeedingAttention,
  listEmailsNeedingAttention,
} from '@/lib/payments/email/outbox';
import { toEmailView, type EmailView } from './links';
import { VERIFICATION_WINDOW_MS } from '@/lib/payments/ledger/state-machine';
import { STUCK_AFTER_MS, toPaymentRow, type PaymentRow } from './payments';

/**
 * The back office's front page, for a clerk with a guest at the desk: today's takings per currency
 * (desk and link payments apart, refunds netted), what needs attention, the last 14 days and the
 * latest payments.
 */

/** One currency's takings today: what came in at the desk and through links, what went out as refunds. */
export interface CurrencyTakings {
  currency: string;
  /** desk + link − refunds. */
  netMinor: number;
  desk: { amountMinor: number; count: number };
  link: { amountMinor: number; count: number };
  refunds: { amountMinor: number; count: number };
}

export interface Dashboard {
  timeZone: string;
  /** Today in the hotel's time zone (yyyy-mm-dd), and when it began and ends (ISO instants). */
  today: string;
  todayStart: string;
  todayEnd: string;
  /** Today's paid takings, one entry per currency (sorted by currency). */
  takings: CurrencyTakings[];
  /**
   * Counts for the "Needs attention" panel, each opening its filtered list: payments whose outcome
   * is unknown, stuck ones, ones awaiting the guest's verification, and open links that run out
   * before the end of today without having been paid.
   */
  attention: AttentionCounts & { linksExpiringToday: number };
  /** One entry per day of the last 14 (oldest first), net takings per currency (refunds subtracted). */
  days: Array<{ day: string; totals: Record<string, number> }>;
  currencies: string[];
  latest: PaymentRow[];
  needsAttention: PaymentRow[];
  /**
   * The payment methods this Mews connection cannot take (or could not confirm), each with why;
   * empty when everything works. A manager acts on these (ask Mews, fix the tokens).
   */
  methodProblems: PaymentMethodStatus[];
  /** When Mews' permissions were last checked (ISO), and a token problem if Mews refused the token. */
  permissionsCheckedAt: string | null;
  tokenProblem: string | null;
  /**
   * E-mails the sender gave up on (failed) or cannot tell were delivered (uncertain), for a
   * manager to act on ("Send again"); null for front desk staff.
   */
  emailAttention: {
    failed: number;
    uncertain: number;
    emails: Array<
      EmailView & {
        link: {
          id: string;
          description: string;
          amountMinor: number;
          currency: string;
          /** Whether it can still be paid (its own e-mail is sent again only then). */
          open: boolean;
        } | null;
      }
    >;
  } | null;
}

const NO_CARD_STORAGE =
  'This property has no card storage in Mews (PaymentCardStorage is null), so new cards cannot be taken. Ask Mews to set up PCI card storage.';

/** Methods that are missing or unconfirmed; no card storage counts against new cards too. */
async function methodProblemsOf(
  ctx: PaymentContext,
  hasCardStorage: boolean | null,
): Promise<Pick<Dashboard, 'methodProblems' | 'permissionsCheckedAt' | 'tokenProblem'>> {
  const report = await operationPermissionReport(ctx);
  const methods = report.methods.map((status) =>
    status.method === 'newCard' && hasCardStorage === false && status.available
      ? { ...status, available: false, reason: NO_CARD_STORAGE }
      : status,
  );
  return {
    methodProblems: methods.filter((status) => !status.available || status.reason !== null),
    permissionsCheckedAt: report.checkedAt,
    tokenProblem: report.tokenProblem,
  };
}

function localDay(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - (at - (at % 1000));
}

/** The instant a local calendar day (yyyy-mm-dd) begins in `timeZone`, daylight saving included. */
function startOfLocalDay(day: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(year, month - 1, date);
  // Twice: the offset at the guess may differ from the offset at midnight itself (a DST change).
  let guess = midnight - offsetAt(midnight, timeZone);
  guess = midnight - offsetAt(guess, timeZone);
  return new Date(guess);
}

/** The hotel's day around `at`: its date and the half-open interval [start, end) it covers. */
export function hotelDay(at: Date, timeZone: string): { day: string; start: Date; end: Date } {
  const day = localDay(at, timeZone);
  const start = startOfLocalDay(day, timeZone);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
  return { day, start, end: startOfLocalDay(next, timeZone) };
}

function takingsOf(totals: Awaited<ReturnType<typeof takingsBetween>>): CurrencyTakings[] {
  const byCurrency = new Map<string, CurrencyTakings>();
  for (const total of totals) {
    const entry = byCurrency.get(total.currency) ?? {
      currency: total.currency,
      netMinor: 0,
      desk: { amountMinor: 0, count: 0 },
      link: { amountMinor: 0, count: 0 },
      refunds: { amountMinor: 0, count: 0 },
    };
    const bucket = total.channel === 'refund' ? entry.refunds : entry[total.channel];
    bucket.amountMinor += total.amountMinor;
    bucket.count += total.count;
    entry.netMinor += total.channel === 'refund' ? -total.amountMinor : total.amountMinor;
    byCurrency.set(total.currency, entry);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

const ATTENTION_EMAILS_SHOWN = 20;

async function emailAttentionOf(ctx: PaymentContext): Promise<Dashboard['emailAttention']> {
  const { failed, uncertain } = await countEmailsNeedingAttention(ctx);
  if (failed + uncertain === 0) return { failed, uncertain, emails: [] };
  const emails = await listEmailsNeedingAttention(ctx, ATTENTION_EMAILS_SHOWN);
  const links = new Map<string, PaymentLink | undefined>();
  for (const id of new Set(emails.map((email) => email.paymentLinkId))) {
    if (id) links.set(id, await findPaymentLink(ctx.db, id));
  }
  return {
    failed,
    uncertain,
    emails: emails.map((email) => {
      const link = email.paymentLinkId ? links.get(email.paymentLinkId) : undefined;
      return {
        ...toEmailView(email),
        link: link
          ? {
              id: link.id,
              description: link.description,
              amountMinor: link.amountMinor,
              currency: link.currency.trim(),
              open: link.state === 'open' && link.expiresAt.getTime() > ctx.now().getTime(),
            }
          : null,
      };
    }),
  };
}

/** `viewer`: who looks; only managers get the e-mails needing attention. */
export async function dashboard(
  ctx: PaymentContext,
  viewer: { role: StaffRole } = { role: 'frontdesk' },
): Promise<Dashboard> {
  let timeZone = 'UTC';
  let hasCardStorage: boolean | null = null;
  try {
    const configuration = await enterpriseConfiguration(ctx);
    timeZone = configuration.enterprise.timeZone || 'UTC';
    hasCardStorage = configuration.cardStorage !== null;
  } catch {
    // The dashboard still works on our ledger when Mews is away; days are then UTC.
  }
  const now = ctx.now();
  const { day: today, start: todayStart, end: todayEnd } = hotelDay(now, timeZone);
  const since = new Date(now.getTime() - 15 * 86_400_000);
  const totals = await dailyTotals(ctx.db, since, timeZone);

  const days: Dashboard['days'] = [];
  for (let offset = 13; offset >= 0; offset--) {
    days.push({
      day: localDay(new Date(now.getTime() - offset * 86_400_000), timeZone),
      totals: {},
    });
  }
  const currencies = new Set<string>();
  for (const total of totals) {
    const entry = days.find((d) => d.day === total.day);
    if (!entry) continue;
    currencies.add(total.currency);
    const signed = total.method === 'refund' ? -total.amountMinor : total.amountMinor;
    entry.totals[total.currency] = (entry.totals[total.currency] ?? 0) + signed;
  }
  const latest = (await listLedger(ctx.db, {}, { limit: 10 })).map((row) => toPaymentRow(row, now));
  const attention = (
    await listLedger(
      ctx.db,
      { states: ['unknown', 'processing', 'created', 'verifying'] },
      { limit: 50 },
    )
  )
    .map((row) => toPaymentRow(row, now))
    .filter((row) => row.needsAttention);
  const takings = await takingsBetween(ctx.db, todayStart, todayEnd);
  const counts = await attentionCounts(
    ctx.db,
    new Date(now.getTime() - STUCK_AFTER_MS),
    // Verifying is stuck once Mews' window has passed by STUCK_AFTER_MS (PaymentRow.needsAttention).
    new Date(now.getTime() - VERIFICATION_WINDOW_MS - STUCK_AFTER_MS),
  );
  const linksExpiringToday = await countLinksExpiringBy(ctx.db, now, todayEnd);
  return {
    timeZone,
    today,
    todayStart: todayStart.toISOString(),
    todayEnd: todayEnd.toISOString(),
    takings: takingsOf(takings),
    attention: { ...counts, linksExpiringToday },
    days,
    currencies: [...currencies].sort(),
    latest,
    needsAttention: attention,
    ...(await methodProblemsOf(ctx, hasCardStorage)),
    emailAttention: viewer.role === 'manager' ? await emailAttentionOf(ctx) : null,
  };
}
