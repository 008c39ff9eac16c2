import 'server-only';
import type { z } from 'zod';
import QRCode from 'qrcode';
import type { AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { cancelPaymentLink, createPaymentLink } from './payment-links';
import {
  linkRowWithEmails,
  mailConfigured,
  toLinkRow,
  type EmailView,
  type LinkRow,
} from '@/lib/payments/back-office/links';
import { parseAmount } from '@/lib/money';
import { MAIL_NOT_SET_UP, type staffPaymentLinkSchema } from '@/lib/payments/links/schemas';

/** Payment links from the back office: created with a URL shown once (and as a QR code), canceled. */

type StaffPaymentLink = z.output<typeof staffPaymentLinkSchema>;

export interface CreatedStaffLink {
  link: LinkRow;
  /** Shown once: only the token's hash is stored, so the URL cannot be shown again later. */
  url: string;
  /** The URL as an SVG QR code, for a guest at the desk to scan with their phone. */
  qrSvg: string;
  /** The link e-mail queued with the link ("E-mail the link to the guest"), or null. */
  emailed: EmailView | null;
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
  if (input.sendToGuest && !mailConfigured()) {
    // Refused before the link exists: a link the clerk believes e-mailed would never arrive.
    throw new PaymentError('invalid_input', MAIL_NOT_SET_UP, {
      fieldErrors: { sendToGuest: [MAIL_NOT_SET_UP] },
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
    {
      via: 'staff',
      actor,
      sendTo: input.sendToGuest
        ? {
            email: input.guestEmail.trim(),
            ...(input.guestLocale ? { locale: input.guestLocale } : {}),
          }
        : undefined,
    },
  );
  const qrSvg = await QRCode.toString(created.url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
  });
  const link = input.sendToGuest
    ? await linkRowWithEmails(ctx, created.link)
    : toLinkRow(created.link, ctx.now());
  const emailed = link.emails.find((email) => email.kind === 'payment_link') ?? null;
  return { link, url: created.url, qrSvg, emailed };
}

export async function cancelStaffPaymentLink(
  ctx: PaymentContext,
  linkId: string,
  actor: AuditActor,
): Promise<LinkRow> {
  return linkRowWithEmails(ctx, await cancelPaymentLink(ctx, linkId, actor));
}
