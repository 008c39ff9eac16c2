'use server';

import { requireStaff } from '@/lib/auth/require-staff';
import { getConfig } from '@/lib/config';
import { MAIL_NOT_SET_UP } from '@/lib/payments/links/schemas';
import { PaymentError } from '@/lib/server/errors';
import { validatedAction } from '@/lib/server/validated-action';
import { sendLinkToGuest } from './link-email';
import { EmailNotResendableError, resendEmail } from './outbox';
import { resendEmailSchema, sendLinkToGuestSchema } from './schemas';
import { toEmailSummary } from './types';

/**
 * The back office's e-mail actions: "Send to guest" on a link, "Send again" on an e-mail.
 * Front desk and up; each checks the session and role itself (requireStaff).
 */

function assertMailConfigured(): void {
  if (!getConfig().mail) throw new PaymentError('method_unavailable', MAIL_NOT_SET_UP);
}

export const sendLinkToGuestAction = validatedAction({
  name: 'staff.send-link-to-guest',
  schema: sendLinkToGuestSchema,
  authorize: (ctx) => requireStaff(ctx, 'frontdesk', 'e-mail payment links'),
  run: async (input, { ctx, actor }) => {
    assertMailConfigured();
    return sendLinkToGuest(
      ctx,
      input.linkId,
      { email: input.email, ...(input.locale ? { locale: input.locale } : {}) },
      actor,
    );
  },
});

export const resendEmailAction = validatedAction({
  name: 'staff.resend-email',
  schema: resendEmailSchema,
  authorize: (ctx) => requireStaff(ctx, 'frontdesk', 'send e-mails again'),
  run: async (input, { ctx, actor }) => {
    assertMailConfigured();
    try {
      const row = await resendEmail(ctx, input.emailId, {
        ...(input.recipient ? { recipient: input.recipient } : {}),
        actor,
      });
      return toEmailSummary(row);
    } catch (error) {
      if (error instanceof EmailNotResendableError) {
        throw new PaymentError('conflict', error.message, { userVisible: true });
      }
      throw error;
    }
  },
});
