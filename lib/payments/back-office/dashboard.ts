import 'server-only';
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
import { toPaymentRow, type PaymentRow } from './payments';

/** The back office's front page: today's takings, the last 14 days, the latest payments and what needs attention. */

export interface Dashboard {
  timeZone: string;
  today: string;
  /** Today's succeeded takings; refunds are listed as their own (outgoing) method. */
  todayTotals: Array<{
    method: PaymentRow['method'];
    currency: string;
    amountMinor: number;
    count: number;
  }>;
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
  const today = localDay(now, timeZone);
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
  return {
    timeZone,
    today,
    todayTotals: totals
      .filter((total) => total.day === today)
      .map(({ method, currency, amountMinor, count }) => ({
        method,
        currency,
        amountMinor,
        count,
      })),
    days,
    currencies: [...currencies].sort(),
    latest,
    needsAttention: attention,
    ...(await methodProblemsOf(ctx, hasCardStorage)),
    emailAttention: viewer.role === 'manager' ? await emailAttentionOf(ctx) : null,
  };
}
