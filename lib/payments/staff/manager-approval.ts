import 'server-only';
import type { z } from 'zod';
import type { StaffActor } from '@/lib/auth/require-staff';
import { verifyStaffCredentials, type SignInOptions } from '@/lib/auth/sign-in';
import { maskCardNumbers } from '@/lib/log/redact';
import { audit } from '@/lib/server/audit';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import type { Money } from '@/lib/money';
import { APPROVAL_FIELDS, type managerApprovalSchema } from './schemas';

/**
 * A manager approving a front-desk charge above the limit on the clerk's screen, with their e-mail
 * and password. The password is checked exactly as a sign-in is (lib/auth/sign-in.ts: the same
 * hash check, the same throttling from the desk's address, a wrong password counts as a failed
 * sign-in of that account), but no session starts. Only an enabled manager other than the clerk
 * can approve. Every refusal is audited under the clerk with both people named; the password is
 * never logged, stored or sent back.
 */

type Approval = z.output<typeof managerApprovalSchema>;

export const APPROVAL_MESSAGES = {
  samePerson: 'Someone else must approve: a manager other than you.',
  invalid: 'The manager’s e-mail or password is incorrect.',
  throttled:
    'Too many wrong passwords for this account from this desk. Wait 15 minutes and try again.',
  notManager: 'This account cannot approve charges: only a manager can.',
} as const;

type Refusal = 'same_person' | 'invalid_credentials' | 'throttled' | 'not_manager';

export async function verifyManagerApproval(
  ctx: PaymentContext,
  clerk: StaffActor,
  approval: Approval,
  charge: Money,
  clientAddress: string | null,
  options: Pick<SignInOptions, 'sleep'> = {},
): Promise<StaffActor> {
  const email = approval.email.trim().toLowerCase();

  const refuse = async (
    reason: Refusal,
    field: 'email' | 'password',
    message: string,
    approver?: { name: string; email: string },
  ): Promise<never> => {
    await audit(ctx, clerk, {
      action: 'payment.charge.approval',
      outcome: 'denied',
      amountMinor: charge.amountMinor,
      currency: charge.currency,
      clientAddress,
      details: {
        reason,
        initiator: clerk.name,
        initiatorEmail: clerk.email,
        // What was typed as the e-mail, never a card number typed into the wrong box.
        approverEmail: approver?.email ?? maskCardNumbers(email),
        ...(approver ? { approver: approver.name } : {}),
      },
    });
    throw new PaymentError('forbidden', message, {
      fieldErrors: { [APPROVAL_FIELDS[field]]: [message] },
    });
  };

  // Asked before the password: approving one's own charge is refused whatever is typed.
  if (email === clerk.email.toLowerCase()) {
    return refuse('same_person', 'email', APPROVAL_MESSAGES.samePerson);
  }
  const outcome = await verifyStaffCredentials(
    ctx,
    { email, password: approval.password },
    clientAddress,
    { ...options, purpose: 'manager_approval' },
  );
  if (!outcome.ok) {
    return outcome.reason === 'throttled'
      ? refuse('throttled', 'password', APPROVAL_MESSAGES.throttled)
      : refuse('invalid_credentials', 'password', APPROVAL_MESSAGES.invalid);
  }
  const { user } = outcome;
  if (user.id === clerk.staffId) {
    return refuse('same_person', 'email', APPROVAL_MESSAGES.samePerson, user);
  }
  if (user.role !== 'manager') {
    return refuse('not_manager', 'email', APPROVAL_MESSAGES.notManager, user);
  }
  return { type: 'staff', staffId: user.id, email: user.email, role: user.role, name: user.name };
}

/** The approved charge, once its attempt exists: who took it and who approved it. */
export async function auditApprovedCharge(
  ctx: PaymentContext,
  clerk: StaffActor,
  approver: StaffActor,
  attemptId: string | null,
  charge: Money,
  clientAddress: string | null,
): Promise<void> {
  await audit(ctx, clerk, {
    action: 'payment.charge.approved',
    outcome: 'success',
    subjectType: attemptId ? 'payment_attempt' : null,
    subjectId: attemptId,
    amountMinor: charge.amountMinor,
    currency: charge.currency,
    clientAddress,
    details: {
      initiator: clerk.name,
      initiatorEmail: clerk.email,
      approver: approver.name,
      approverEmail: approver.email,
      approverStaffId: approver.staffId,
    },
  });
}
