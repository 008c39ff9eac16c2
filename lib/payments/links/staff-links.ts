import 'server-only';
import type { z } from 'zod';
import QRCode from 'qrcode';
import type { AuditActor } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import type { Database } from '@/lib/db';
import {
  findPaymentLink,
  latestEmailedLinkUrl,
  replacePaymentLinkToken,
} from '@/lib/db/payment-links';
import {
  cancelPaymentLink,
  createPaymentLink,
  paymentLinkUrl,
  undoCancelPaymentLink,
} from './payment-links';
import { generateLinkToken, hashLinkToken } from './link-token';
import { audit } from '@/lib/server/audit';
import {
  linkRowWithEmails,
  mailConfigured,
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
      purpose: input.purpose,
      collect: input.collect,
      keepOpenWhenSiblingPaid: input.keepOpenWhenSiblingPaid,
      allowDuplicate: input.createAnyway,
    },
    {
      via: 'staff',
      actor,
      duplicateField: 'createAnyway',
      sendTo: input.sendToGuest
        ? {
            email: input.guestEmail.trim(),
            ...(input.guestLocale ? { locale: input.guestLocale } : {}),
          }
        : undefined,
    },
  );
  const qrSvg = await qrCodeSvg(created.url);
  const link = await linkRowWithEmails(ctx, created.link);
  const emailed = link.emails.find((email) => email.kind === 'payment_link') ?? null;
  return { link, url: created.url, qrSvg, emailed };
}

/** The URL as an SVG QR code (error correction M survives a smudged screen or print). */
export function qrCodeSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export async function undoCancelStaffPaymentLink(
  ctx: PaymentContext,
  linkId: string,
  actor: AuditActor,
): Promise<LinkRow> {
  return linkRowWithEmails(ctx, await undoCancelPaymentLink(ctx, linkId, actor));
}

/**
 * "Show QR / copy link" for an existing link. Only the token's hash is stored, so:
 * - a link e-mailed to the guest shows the URL of that e-mail (the guest's URL; nothing changes);
 * - a link never e-mailed needs a new token, after the clerk confirmed (`rotate`): the URL given
 *   out before stops working. `needsRotation` asks for that confirmation first.
 * Either way audited: who looked at a payable URL.
 */
export type ShownLink =
  { needsRotation: true } | { needsRotation: false; url: string; qrSvg: string; rotated: boolean };

export async function showStaffPaymentLink(
  ctx: PaymentContext,
  input: { linkId: string; rotate: boolean },
  actor: AuditActor,
): Promise<ShownLink> {
  const link = await findPaymentLink(ctx.db, input.linkId);
  if (!link) throw new PaymentError('not_found', 'No such payment link');
  const now = ctx.now();
  if (link.state !== 'open' || link.expiresAt.getTime() <= now.getTime()) {
    const state = link.state === 'open' ? 'expired' : link.state;
    throw new PaymentError('conflict', `A ${state} link cannot be shown: it cannot be paid`);
  }
  let url = await latestEmailedLinkUrl(ctx.db, link.id);
  let rotated = false;
  if (!url) {
    if (!input.rotate) return { needsRotation: true };
    const token = generateLinkToken();
    const updated = await ctx.db.transaction(async (tx) =>
      replacePaymentLinkToken(tx as unknown as Database, link.id, {
        tokenHash: hashLinkToken(token),
        now,
      }),
    );
    if (!updated) {
      throw new PaymentError(
        'conflict',
        'The guest is paying this link right now, or it was just e-mailed: try again in a moment',
      );
    }
    url = paymentLinkUrl(ctx, token);
    rotated = true;
  }
  await audit(ctx, actor, {
    action: 'payment_link.shown',
    outcome: 'success',
    subjectType: 'payment_link',
    subjectId: link.id,
    amountMinor: link.amountMinor,
    currency: link.currency,
    mewsIds: { customerId: link.mewsCustomerId },
    details: { rotated },
  });
  return { needsRotation: false, url, qrSvg: await qrCodeSvg(url), rotated };
}

export async function cancelStaffPaymentLink(
  ctx: PaymentContext,
  linkId: string,
  actor: AuditActor,
): Promise<LinkRow> {
  return linkRowWithEmails(ctx, await cancelPaymentLink(ctx, linkId, actor));
}
