import 'server-only';
import { listPaymentLinks } from '@/lib/db/staff-ledger';
import type { PaymentLink } from '@/lib/db/schema';
import type { PaymentContext } from '@/lib/server/context';

/** The back office's list of payment links. */

export interface LinkRow {
  id: string;
  state: PaymentLink['state'];
  amountMinor: number;
  currency: string;
  description: string;
  customerId: string;
  reservationId: string | null;
  expiresAt: string;
  createdAt: string;
  paidAt: string | null;
  createdVia: PaymentLink['createdVia'];
}

export function toLinkRow(link: PaymentLink, now: Date): LinkRow {
  const expired = link.state === 'open' && link.expiresAt.getTime() <= now.getTime();
  return {
    id: link.id,
    state: expired ? 'expired' : link.state,
    amountMinor: link.amountMinor,
    currency: link.currency.trim(),
    description: link.description,
    customerId: link.mewsCustomerId,
    reservationId: link.mewsReservationId,
    expiresAt: link.expiresAt.toISOString(),
    createdAt: link.createdAt.toISOString(),
    paidAt: link.paidAt?.toISOString() ?? null,
    createdVia: link.createdVia,
  };
}

export async function listLinks(
  ctx: PaymentContext,
  filter: { customerId?: string } = {},
): Promise<LinkRow[]> {
  const now = ctx.now();
  return (await listPaymentLinks(ctx.db, filter)).map((link) => toLinkRow(link, now));
}
