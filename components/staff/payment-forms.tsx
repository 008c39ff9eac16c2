'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { ActionResult } from '@/lib/server/action-result';
import {
  chargeStoredCardAction,
  recordExternalPaymentAction,
  recordTerminalCardPaymentAction,
} from '@/lib/payments/staff/actions';
import type { StaffPaymentResult } from '@/lib/payments/staff/payment-result';
import type { StoredCardView } from '@/lib/payments/back-office/customers';
import type {
  Capability,
  PaymentCapabilities,
  PaymentMethodKey,
} from '@/lib/payments/installation/operation-permissions';
import {
  APPROVAL_FIELDS,
  CARD_BRANDS,
  externalPaymentSchema,
  storedCardChargeSchema,
  terminalCardPaymentSchema,
} from '@/lib/payments/staff/schemas';
import { useStaffVocabulary } from '@/lib/i18n/staff-vocabulary';
import { defaultExternalPaymentType } from '@/lib/payments/staff/external-types';
import { fetchStaff, handleSessionLoss } from './fetch-staff';
import { describedBy, Field, SubmitButton, TextInput } from './fields';
import { newKey } from './format';
import { approvalWanted, ManagerApproval, type ManagerApprovalValues } from './manager-approval';
import {
  applyFieldErrors,
  ConfirmAmount,
  ConfirmStep,
  dueAmountText,
  MoneyFields,
  PaymentOutcome,
  preselectedReservation,
  reservationChangeHandler,
  ReservationAndNotes,
  type ReservationProps,
} from './payment-form-kit';
import styles from './staff.module.css';

export interface CustomerFormProps extends ReservationProps {
  customerId: string;
  currencies: string[];
  defaultCurrency: string;
}

/**
 * The reservation and amount a form starts with: the preselected reservation (if it is one of the
 * customer's) and what is due on it, when known.
 */
export function startingReservation({
  reservations,
  selectedReservationId,
  currencies,
  defaultCurrency,
}: CustomerFormProps) {
  const reservation = preselectedReservation(reservations, selectedReservationId);
  const due = dueAmountText(reservation, currencies);
  return {
    reservationId: reservation?.id ?? '',
    amount: due?.amount ?? '',
    currency: due?.currency ?? defaultCurrency,
  };
}

/**
 * Runs a money-moving action after the confirmation step, with one idempotency key per payment: a
 * double click or a retry after a lost answer replays the same attempt; a settled result starts a
 * new key for the next payment.
 */
function useConfirmedPayment<Values extends { idempotencyKey: string }>(
  action: (input: unknown) => Promise<ActionResult<StaffPaymentResult>>,
  onDone: (result: ActionResult<StaffPaymentResult>) => void,
) {
  const queryClient = useQueryClient();
  const [toConfirm, setToConfirm] = useState<Values | null>(null);
  // A charge above the front-desk limit, refused until a manager approves it on this screen.
  const [awaitingApproval, setAwaitingApproval] = useState<Values | null>(null);
  const [result, setResult] = useState<ActionResult<StaffPaymentResult> | null>(null);
  const [pending, startTransition] = useTransition();
  const send = (input: Values, approval?: ManagerApprovalValues) =>
    startTransition(async () => {
      let outcome: ActionResult<StaffPaymentResult>;
      try {
        outcome = handleSessionLoss(await action(approval ? { ...input, approval } : input));
      } catch {
        setResult({
          ok: false,
          error: {
            code: 'mews_unavailable',
            message:
              'The answer was lost on the way. Press confirm again: the same payment is looked up, never taken twice.',
          },
        });
        return;
      }
      setResult(outcome);
      onDone(outcome);
      if (outcome.ok || outcome.error.code !== 'mews_unavailable') setToConfirm(null);
      setAwaitingApproval(approvalWanted(outcome) ? input : null);
      await queryClient.invalidateQueries({ queryKey: ['staff'] });
    });
  const confirm = () => {
    if (toConfirm) send(toConfirm);
  };
  const approve = (approval: ManagerApprovalValues) => {
    if (awaitingApproval) send(awaitingApproval, approval);
  };
  const cancelApproval = () => {
    setAwaitingApproval(null);
    setResult(null);
  };
  return {
    toConfirm,
    setToConfirm,
    result,
    setResult,
    pending,
    confirm,
    awaitingApproval,
    approve,
    cancelApproval,
  };
}

// --- What the Mews connection allows ------------------------------------------------------------

/**
 * Whether Mews lets this connection take `method` (some operations are granted only at
 * certification). `undefined` while loading or when the check failed: the form is shown, and the
 * server refuses anyway should Mews be known to refuse.
 */
export function usePaymentCapability(method: PaymentMethodKey): Capability | undefined {
  const { data } = useQuery({
    queryKey: ['staff', 'payment-capabilities'],
    queryFn: () => fetchStaff<PaymentCapabilities>('/api/staff/payment-capabilities'),
    staleTime: 60_000,
  });
  return data?.[method];
}

/** Shown instead of a form Mews would refuse, with the reason (for the manager to act on). */
export function MethodUnavailable({ what, capability }: { what: string; capability: Capability }) {
  return (
    <p className={styles.notice} role="status" data-testid="method-unavailable">
      {what} cannot be taken on this Mews connection. {capability.reason}
    </p>
  );
}

// --- Stored card ---------------------------------------------------------------------------------

const STORED_FIELDS = ['amount', 'currency', 'creditCardId'] as const;
const APPROVAL_FIELD_NAMES = [APPROVAL_FIELDS.email, APPROVAL_FIELDS.password];

export function StoredCardChargeForm(props: CustomerFormProps & { cards: StoredCardView[] }) {
  const { customerId, currencies, cards, reservations } = props;
  const chargeable = cards.filter((card) => card.chargeable);
  const capability = usePaymentCapability('storedCard');
  const vocabulary = useStaffVocabulary();
  const form = useForm({
    resolver: zodResolver(storedCardChargeSchema),
    defaultValues: {
      idempotencyKey: newKey(),
      customerId,
      creditCardId: chargeable[0]?.id ?? '',
      ...startingReservation(props),
      notes: '',
      confirmed: true as const,
    },
  });
  const flow = useConfirmedPayment<z.output<typeof storedCardChargeSchema>>(
    chargeStoredCardAction,
    (outcome) => {
      applyFieldErrors(outcome, form.setError as never, STORED_FIELDS);
      if (outcome.ok)
        form.reset({ ...form.getValues(), idempotencyKey: newKey(), amount: '', notes: '' });
    },
  );
  const { errors } = form.formState;
  if (capability && !capability.available)
    return <MethodUnavailable what="A stored card" capability={capability} />;
  if (chargeable.length === 0) {
    return (
      <p className="muted">
        This customer has no card that can be charged. Add a new card instead, or record a terminal
        payment.
      </p>
    );
  }
  const card = chargeable.find(
    (c) => c.id === (flow.toConfirm ?? flow.awaitingApproval)?.creditCardId,
  );
  return (
    <form
      className={styles.form}
      onSubmit={form.handleSubmit((values) => {
        flow.setResult(null);
        flow.setToConfirm(values);
      })}
      noValidate
      aria-label="Charge a stored card"
    >
      <Field id="stored-card" label="Card" error={errors.creditCardId?.message}>
        <select id="stored-card" className={styles.input} {...form.register('creditCardId')}>
          {chargeable.map((c) => (
            <option key={c.id} value={c.id}>
              {vocabulary.cardBrand(c.brand)} {c.obfuscatedNumber ?? ''}{' '}
              {c.expiration ? `(exp. ${c.expiration})` : ''}
            </option>
          ))}
        </select>
      </Field>
      <MoneyFields
        prefix="stored"
        register={form.register}
        errors={errors}
        currencies={currencies}
      />
      <ReservationAndNotes
        prefix="stored"
        register={form.register}
        errors={errors}
        reservations={reservations}
        onReservationChange={reservationChangeHandler(form.setValue, reservations, currencies)}
      />
      {flow.awaitingApproval ? (
        <ManagerApproval
          prefix="stored"
          summary={
            <>
              Charge{' '}
              <ConfirmAmount
                amount={flow.awaitingApproval.amount}
                currency={flow.awaitingApproval.currency}
              />{' '}
              to {vocabulary.cardBrand(card?.brand)} {card?.obfuscatedNumber}.
            </>
          }
          result={flow.result}
          pending={flow.pending}
          onApprove={flow.approve}
          onCancel={flow.cancelApproval}
        />
      ) : flow.toConfirm ? (
        <ConfirmStep
          summary={
            <>
              Charge{' '}
              <ConfirmAmount amount={flow.toConfirm.amount} currency={flow.toConfirm.currency} /> to{' '}
              {vocabulary.cardBrand(card?.brand)} {card?.obfuscatedNumber}?
            </>
          }
          confirmLabel="Confirm charge"
          pending={flow.pending}
          onConfirm={flow.confirm}
          onBack={() => flow.setToConfirm(null)}
        />
      ) : (
        <SubmitButton pending={false} pendingLabel="">
          Review charge
        </SubmitButton>
      )}
      <PaymentOutcome
        result={flow.result}
        fieldsShown={[...STORED_FIELDS, ...APPROVAL_FIELD_NAMES]}
      />
    </form>
  );
}

// --- External ------------------------------------------------------------------------------------

const EXTERNAL_FIELDS = ['amount', 'currency', 'type', 'externalIdentifier'] as const;

export function ExternalPaymentForm(
  props: CustomerFormProps & {
    /** Enabled types; the server lists the desk's most used lately first. */
    types: string[];
    /** Recent external payments by type, when the caller has them (else the list's order counts). */
    usage?: Record<string, number>;
  },
) {
  const { customerId, currencies, types, usage, reservations } = props;
  const preferred = defaultExternalPaymentType(types, usage);
  const capability = usePaymentCapability('external');
  const vocabulary = useStaffVocabulary();
  const form = useForm({
    resolver: zodResolver(externalPaymentSchema),
    defaultValues: {
      idempotencyKey: newKey(),
      customerId,
      ...startingReservation(props),
      type: preferred,
      externalIdentifier: '',
      notes: '',
    },
  });
  const flow = useConfirmedPayment<z.output<typeof externalPaymentSchema>>(
    recordExternalPaymentAction,
    (outcome) => {
      applyFieldErrors(outcome, form.setError as never, EXTERNAL_FIELDS);
      if (outcome.ok)
        form.reset({
          ...form.getValues(),
          idempotencyKey: newKey(),
          amount: '',
          externalIdentifier: '',
          notes: '',
        });
    },
  );
  const { errors } = form.formState;
  if (capability && !capability.available)
    return <MethodUnavailable what="An external payment" capability={capability} />;
  if (types.length === 0)
    return <p className="muted">This property has no external payment types enabled in Mews.</p>;
  return (
    <form
      className={styles.form}
      onSubmit={form.handleSubmit((values) => {
        flow.setResult(null);
        flow.setToConfirm(values);
      })}
      noValidate
      aria-label="Record an external payment"
    >
      <p className={styles.hint}>
        Records a payment received outside Mews (cash, bank transfer…). Nothing is charged.
      </p>
      <MoneyFields
        prefix="external"
        register={form.register}
        errors={errors}
        currencies={currencies}
      />
      <Field
        id="external-type"
        label="Type"
        error={errors.type?.message}
        hint={
          types.includes('Unspecified')
            ? `Avoid “${vocabulary.externalType('Unspecified')}”: it is not accepted in some countries (e.g. France).`
            : undefined
        }
      >
        <select
          id="external-type"
          className={styles.input}
          aria-describedby={describedBy(
            'external-type',
            errors.type,
            types.includes('Unspecified'),
          )}
          {...form.register('type')}
        >
          {preferred === '' ? <option value="">Choose…</option> : null}
          {types.map((type) => (
            <option key={type} value={type}>
              {vocabulary.externalType(type)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="external-identifier"
        label="External identifier"
        error={errors.externalIdentifier?.message}
        hint="Receipt number, transfer reference or voucher code."
      >
        <TextInput
          id="external-identifier"
          error={errors.externalIdentifier}
          hasHint
          autoComplete="off"
          {...form.register('externalIdentifier')}
        />
      </Field>
      <ReservationAndNotes
        prefix="external"
        register={form.register}
        errors={errors}
        reservations={reservations}
        onReservationChange={reservationChangeHandler(form.setValue, reservations, currencies)}
      />
      {flow.toConfirm ? (
        <ConfirmStep
          summary={
            <>
              Record{' '}
              <ConfirmAmount amount={flow.toConfirm.amount} currency={flow.toConfirm.currency} />{' '}
              received as {vocabulary.externalType(flow.toConfirm.type)} (
              {flow.toConfirm.externalIdentifier})?
            </>
          }
          confirmLabel="Confirm and record"
          pending={flow.pending}
          onConfirm={flow.confirm}
          onBack={() => flow.setToConfirm(null)}
        />
      ) : (
        <SubmitButton pending={false} pendingLabel="">
          Review
        </SubmitButton>
      )}
      <PaymentOutcome result={flow.result} fieldsShown={EXTERNAL_FIELDS} />
    </form>
  );
}

// --- Terminal card -------------------------------------------------------------------------------

const TERMINAL_FIELDS = [
  'amount',
  'currency',
  'obfuscatedNumber',
  'expiry',
  'holderName',
  'receiptIdentifier',
] as const;

export function TerminalCardPaymentForm(props: CustomerFormProps) {
  const { customerId, currencies, reservations } = props;
  const capability = usePaymentCapability('terminal');
  const vocabulary = useStaffVocabulary();
  const form = useForm({
    resolver: zodResolver(terminalCardPaymentSchema),
    mode: 'onTouched',
    defaultValues: {
      idempotencyKey: newKey(),
      customerId,
      ...startingReservation(props),
      brand: 'Visa' as const,
      obfuscatedNumber: '',
      expiry: '',
      holderName: '',
      receiptIdentifier: '',
      notes: '',
    },
  });
  const flow = useConfirmedPayment<z.output<typeof terminalCardPaymentSchema>>(
    recordTerminalCardPaymentAction,
    (outcome) => {
      applyFieldErrors(outcome, form.setError as never, TERMINAL_FIELDS);
      if (outcome.ok)
        form.reset({
          ...form.getValues(),
          idempotencyKey: newKey(),
          amount: '',
          obfuscatedNumber: '',
          receiptIdentifier: '',
          notes: '',
        });
    },
  );
  const { errors } = form.formState;
  const numberField = form.register('obfuscatedNumber');
  if (capability && !capability.available)
    return <MethodUnavailable what="A terminal card payment" capability={capability} />;
  return (
    <form
      className={styles.form}
      onSubmit={form.handleSubmit((values) => {
        flow.setResult(null);
        flow.setToConfirm(values);
      })}
      noValidate
      aria-label="Record a terminal card payment"
    >
      <p className={styles.notice} data-testid="terminal-deprecation">
        Card payment taken on the terminal: records a payment the guest already made on the card
        terminal, so Mews knows about it. Nothing is charged. Mews stops accepting these records on
        10 January 2028; after that, take card payments here (stored or new card) instead.
      </p>
      <MoneyFields
        prefix="terminal"
        register={form.register}
        errors={errors}
        currencies={currencies}
      />
      <div className={styles.row}>
        <Field id="terminal-brand" label="Card type" error={errors.brand?.message}>
          <select id="terminal-brand" className={styles.input} {...form.register('brand')}>
            {CARD_BRANDS.map((brand) => (
              <option key={brand} value={brand}>
                {vocabulary.cardBrand(brand)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="terminal-expiry"
          label="Expiry (MM/YY or MM/YYYY)"
          error={errors.expiry?.message}
        >
          <TextInput
            id="terminal-expiry"
            error={errors.expiry}
            placeholder="MM/YY"
            autoComplete="off"
            inputMode="numeric"
            maxLength={9}
            {...form.register('expiry')}
          />
        </Field>
      </div>
      <Field
        id="terminal-number"
        label="Card number as on the receipt"
        hint="At most the first 6 and last 4 digits, the rest as * — e.g. 411111******1111 or ************1111. Never the full number."
        error={errors.obfuscatedNumber?.message}
      >
        <TextInput
          id="terminal-number"
          error={errors.obfuscatedNumber}
          hasHint
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          {...numberField}
          onBlur={(event) => {
            void numberField.onBlur(event);
            // A refused full number is wiped from the screen too, not left for the next person to see.
            if (
              form.getFieldState('obfuscatedNumber').invalid &&
              /\d{13,}/.test(event.target.value.replace(/[\s-]/g, ''))
            ) {
              form.setValue('obfuscatedNumber', '', { shouldValidate: false });
            }
          }}
        />
      </Field>
      <Field id="terminal-holder" label="Cardholder name" error={errors.holderName?.message}>
        <TextInput
          id="terminal-holder"
          error={errors.holderName}
          autoComplete="off"
          {...form.register('holderName')}
        />
      </Field>
      <Field
        id="terminal-receipt"
        label="Receipt identifier"
        error={errors.receiptIdentifier?.message}
      >
        <TextInput
          id="terminal-receipt"
          error={errors.receiptIdentifier}
          autoComplete="off"
          {...form.register('receiptIdentifier')}
        />
      </Field>
      <ReservationAndNotes
        prefix="terminal"
        register={form.register}
        errors={errors}
        reservations={reservations}
        onReservationChange={reservationChangeHandler(form.setValue, reservations, currencies)}
      />
      {flow.toConfirm ? (
        <ConfirmStep
          summary={
            <>
              Record{' '}
              <ConfirmAmount amount={flow.toConfirm.amount} currency={flow.toConfirm.currency} />{' '}
              paid by {vocabulary.cardBrand(flow.toConfirm.brand)} {flow.toConfirm.obfuscatedNumber}{' '}
              (receipt {flow.toConfirm.receiptIdentifier})?
            </>
          }
          confirmLabel="Confirm and record"
          pending={flow.pending}
          onConfirm={flow.confirm}
          onBack={() => flow.setToConfirm(null)}
        />
      ) : (
        <SubmitButton pending={false} pendingLabel="">
          Review
        </SubmitButton>
      )}
      <PaymentOutcome result={flow.result} fieldsShown={TERMINAL_FIELDS} />
    </form>
  );
}
