'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { ActionResult } from '@/lib/server/action-result';
import { refundPaymentAction } from '@/lib/payments/staff/actions';
import type { StaffPaymentResult } from '@/lib/payments/staff/payment-result';
import { parseAmount } from '@/lib/money';
import { refundSchema } from '@/lib/payments/staff/schemas';
import { handleSessionLoss } from './fetch-staff';
import { Field, SubmitButton, TextInput } from './fields';
import { money, newKey } from './format';
import { applyFieldErrors, ConfirmStep, PaymentOutcome } from './payment-form-kit';
import { REFUND_FAILED_TEXT, REFUND_PENDING_TEXT } from './refund-status';
import styles from './staff.module.css';

const REFUND_FIELDS = ['amount', 'reason'] as const;

export function RefundForm({
  attemptId,
  refundable,
}: {
  attemptId: string;
  refundable: { amountMinor: number; currency: string };
}) {
  const queryClient = useQueryClient();
  const [toConfirm, setToConfirm] = useState<z.output<typeof refundSchema> | null>(null);
  const [result, setResult] = useState<ActionResult<StaffPaymentResult> | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm({
    resolver: zodResolver(refundSchema),
    defaultValues: { idempotencyKey: newKey(), attemptId, amount: '', reason: '' },
  });
  const { errors } = form.formState;
  const confirm = () =>
    startTransition(async () => {
      if (!toConfirm) return;
      const outcome = handleSessionLoss(await refundPaymentAction(toConfirm));
      setResult(outcome);
      setToConfirm(null);
      applyFieldErrors(outcome, form.setError as never, REFUND_FIELDS);
      if (outcome.ok) form.reset({ idempotencyKey: newKey(), attemptId, amount: '', reason: '' });
      await queryClient.invalidateQueries({ queryKey: ['staff'] });
    });
  const amountMinor = toConfirm?.amount
    ? (parseAmount(toConfirm.amount, refundable.currency) ?? 0)
    : refundable.amountMinor;
  return (
    <form
      className={styles.form}
      noValidate
      aria-label="Refund this payment"
      onSubmit={form.handleSubmit((values) => {
        setResult(null);
        setToConfirm(values);
      })}
    >
      <Field
        id="refund-amount"
        label={`Amount (${refundable.currency})`}
        // Pending refunds are already deducted: the page's refund status says so once, above.
        hint={`Leave empty to refund everything still refundable: ${money(refundable.amountMinor, refundable.currency)}.`}
        error={errors.amount?.message}
      >
        <TextInput
          id="refund-amount"
          error={errors.amount}
          hasHint
          inputMode="decimal"
          autoComplete="off"
          {...form.register('amount')}
        />
      </Field>
      <Field id="refund-reason" label="Reason" error={errors.reason?.message}>
        <TextInput
          id="refund-reason"
          error={errors.reason}
          autoComplete="off"
          {...form.register('reason')}
        />
      </Field>
      {toConfirm ? (
        <ConfirmStep
          summary={
            <>
              Refund <strong>{money(amountMinor, refundable.currency)}</strong> to the guest? This
              cannot be undone. The card gateway confirms a refund later; until then it is pending.
            </>
          }
          confirmLabel="Confirm refund"
          pending={pending}
          onConfirm={confirm}
          onBack={() => setToConfirm(null)}
        />
      ) : (
        <SubmitButton pending={false} pendingLabel="" className={styles.danger}>
          Review refund
        </SubmitButton>
      )}
      <RefundOutcome result={result} />
    </form>
  );
}

/**
 * A refund's outcome: Mews answers every refund `Pending` and it can still fail, so "pending" is
 * said plainly rather than as a payment being processed, and a failure says the guest got nothing.
 */
function RefundOutcome({ result }: { result: ActionResult<StaffPaymentResult> | null }) {
  if (!result?.ok || !['pending', 'failed'].includes(result.data.state)) {
    // "At most … can still be refunded" is said once, next to the amount.
    return <PaymentOutcome result={result} fieldsShown={REFUND_FIELDS} />;
  }
  const { data } = result;
  const failed = data.state === 'failed';
  return (
    <p
      className={failed ? styles.alert : styles.notice}
      role="status"
      data-testid="payment-outcome"
      data-state={data.state}
    >
      {money(data.amountMinor, data.currency)}:{' '}
      <strong>{failed ? REFUND_FAILED_TEXT : REFUND_PENDING_TEXT}</strong>
      {data.replayed ? ' (already submitted)' : null}{' '}
      <Link href={`/staff/payments/${data.attemptId}`}>View refund</Link>
    </p>
  );
}
