import 'server-only';
import type { z } from 'zod';
import QRCode from 'qrcode';
import type { AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { cancelPaymentLink, createPaymentLink } from './payment-links';
import { toLinkRow, type LinkRow } from '@/lib/payments/back-office/links';
import { parseAmount } from '@/lib/money';
import { type staffPaymentLinkSchema } from '@/lib/payments/links/schemas';

/** Payment links from the back office: created with a URL shown once (and as a QR code), canceled. */

type StaffPaymentLink = z.output<typeof staffPaymentLinkSchema>;

export interface CreatedStaffLink {
  link: LinkRow;
  /** Shown once: only the token's hash is stored, so the URL cannot be shown again later. */
  url: string;
  /** The URL as an SVG QR code, for a guest at the desk to scan with their phone. */
  qrSvg: string;
}

export async function createStaffPaymentLink(
  ctx: PaymentContext,
  input: StaffPaymentLink,
  actor: AuditActor,
): Promise<CreatedStaffLink> {
  const amountMinor = parseAmount(input.amount, input.currency);
  if (amountMinor === undefined) {
    throw new PaymentError('invalid_input', 'Enter a positive amount', {
      fieldErrors: { amount: ['Enter a positive amount'] },
    });
  }
  const created = await createPaymentLink(
    ctx,
    {
      customerId: input.customerId,
      reservationId: input.reservationId ?? null,
      amountMinor,
      currency: input.currency,
      description: input.description,
      expiresInHours: input.expiresInHours,
    },
    { via: 'staff', actor },
  );
  const qrSvg = await QRCode.toString(created.url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
  });
  return { link: toLinkRow(created.link, ctx.now()), url: created.url, qrSvg };
}

export async function cancelStaffPaymentLink(
  ctx: PaymentContext,
  linkId: string,
  actor: AuditActor,
): Promise<LinkRow> {
  return toLinkRow(await cancelPaymentLink(ctx, linkId, actor), ctx.now());
}
