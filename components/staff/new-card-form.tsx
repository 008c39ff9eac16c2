'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { SecureCardFields } from '@/components/secure-card-fields';
import { useSecureFields } from '@/lib/card-capture/use-secure-fields';
import type { ActionResult } from '@/lib/server/action-result';
import { chargeNewCardAction, chargeStoredCardAction } from '@/lib/payments/staff/actions';
import { findStoredCardMatchAction } from '@/lib/payments/staff/stored-card-match-actions';
import type { StoredCardMatch } from '@/lib/payments/staff/stored-card-match';
import type { TokenizedCard } from '@/lib/card-capture/card-details';
import type { StaffPaymentResult } from '@/lib/payments/staff/payment-result';
import { parseAmount } from '@/lib/money';
import { handleSessionLoss } from './fetch-staff';
import { Field, SubmitButton, TextInput } from './fields';
import { newKey } from './format';
import {
  applyFieldErrors,
  ConfirmAmount,
  ConfirmStep,
  MoneyFields,
  PaymentOutcome,
  reservationChangeHandler,
  ReservationAndNotes,
} from './payment-form-kit';
import {
  MethodUnavailable,
  startingReservation,
  usePaymentCapability,
  type CustomerFormProps,
} from './payment-forms';
import { approvalWanted, ManagerApproval, type ManagerApprovalValues } from './manager-approval';
import { APPROVAL_FIELDS } from '@/lib/payments/staff/schemas';
import styles from './staff.module.css';

const CARD_NUMBER_ID = 'staff-card-number';
const CVV_ID = 'staff-card-cvv';

// What staff type outside the Secure Fields iframes; the card itself is tokenized by PCI Proxy.
const newCardFormSchema = z.object({
  amount: z.string().trim().min(1, 'Enter an amount'),
  currency: z.string(),
  expiry: z
    .string()
    .trim()
    .regex(/^(0[1-9]|1[0-2])\s*\/\s*(\d{2})$/, 'Enter the expiry as MM/YY'),
  reservationId: z.union([z.literal(''), z.uuid('Reservation must be a Mews id')]).optional(),
  notes: z.string().max(500).optional(),
});
type NewCardFormValues = z.infer<typeof newCardFormSchema>;

/**
 * A new card typed by staff (guest at the desk or on the phone) into Secure Fields, stored in Mews
 * and charged; not offered when Mews refuses this connection creditCards/addTokenized or charge.
 */
export function NewCardChargeForm(
  props: CustomerFormProps & { merchantId: string; scriptUrl: string },
) {
  const capability = usePaymentCapability('newCard');
  if (capability && !capability.available)
    return <MethodUnavailable what="A new card" capability={capability} />;
  return <NewCardChargeFormFields {...props} />;
}

/** A charge sent to the server, sent again with a manager's approval when it is above the limit. */
type ChargeSend = (approval?: ManagerApprovalValues) => Promise<ActionResult<StaffPaymentResult>>;

const NEW_CARD_FIELDS = [
  'amount',
  'currency',
  'expiry',
  APPROVAL_FIELDS.email,
  APPROVAL_FIELDS.password,
] as const;

function NewCardChargeFormFields(
  props: CustomerFormProps & { merchantId: string; scriptUrl: string },
) {
  const { customerId, currencies, merchantId, scriptUrl, reservations } = props;
  const queryClient = useQueryClient();
  // The charge refused above the front-desk limit, kept (tokenized card and all: nothing was
  // written, the transaction id is unused) until a manager approves it on this screen.
  const [awaitingApproval, setAwaitingApproval] = useState<{ send: ChargeSend } | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const [toConfirm, setToConfirm] = useState<NewCardFormValues | null>(null);
  const [result, setResult] = useState<ActionResult<StaffPaymentResult> | null>(null);
  const [invalid, setInvalid] = useState<{ cardNumber: boolean; cvv: boolean } | undefined>();
  // A stored card matching the one typed: Mews charges a fee per tokenization, so it is offered first.
  const [storedOffer, setStoredOffer] = useState<{
    match: StoredCardMatch;
    card: TokenizedCard;
    values: NewCardFormValues;
  } | null>(null);
  const [pending, startTransition] = useTransition();
  const secureFields = useSecureFields({
    scriptUrl,
    merchantId,
    cardNumberElementId: CARD_NUMBER_ID,
    cvvElementId: CVV_ID,
    labels: {
      cardNumber: 'Card number',
      cvv: 'CVV',
      cardNumberPlaceholder: '1234 1234 1234 1234',
      cvvPlaceholder: '123',
    },
  });
  const form = useForm<NewCardFormValues>({
    resolver: zodResolver(newCardFormSchema),
    defaultValues: {
      ...startingReservation(props),
      expiry: '',
      notes: '',
    },
  });
  const { errors } = form.formState;

  const confirm = () =>
    startTransition(async () => {
      if (!toConfirm) return;
      setInvalid(undefined);
      const [month = '', year = ''] = toConfirm.expiry.split('/').map((part) => part.trim());
      const tokenized = await secureFields.tokenize({ month, year });
      if (tokenized.kind === 'invalid') {
        setInvalid(tokenized.invalid);
        setToConfirm(null);
        return;
      }
      if (tokenized.kind === 'error') {
        setResult({
          ok: false,
          error: {
            code: 'card_rejected',
            message: 'The card could not be read. Check the number and CVV and try again.',
          },
        });
        setToConfirm(null);
        return;
      }
      const match = await storedCardMatch(toConfirm, tokenized.card);
      if (match) {
        setStoredOffer({ match, card: tokenized.card, values: toConfirm });
        setToConfirm(null);
        return;
      }
      const values = toConfirm;
      await settle((approval) =>
        chargeNewCardAction({
          ...values,
          idempotencyKey,
          customerId,
          card: tokenized.card,
          confirmed: true,
          ...(approval ? { approval } : {}),
        }),
      );
    });

  /** Is the card just typed one Mews already stores for this customer? Never blocks the payment. */
  async function storedCardMatch(
    values: NewCardFormValues,
    card: TokenizedCard,
  ): Promise<StoredCardMatch | null> {
    if (!card.maskedCard) return null;
    try {
      const found = handleSessionLoss(
        await findStoredCardMatchAction({
          customerId,
          maskedCard: card.maskedCard,
          expiry: values.expiry,
        }),
      );
      return found.ok ? found.data.match : null;
    } catch {
      return null;
    }
  }

  async function settle(send: ChargeSend, approval?: ManagerApprovalValues) {
    let outcome: ActionResult<StaffPaymentResult>;
    try {
      outcome = handleSessionLoss(await send(approval));
    } catch {
      setResult({
        ok: false,
        error: {
          code: 'mews_unavailable',
          message:
            'The answer was lost on the way. Check the customer’s payments before charging again.',
        },
      });
      return;
    }
    setResult(outcome);
    setToConfirm(null);
    setAwaitingApproval(approvalWanted(outcome) ? { send } : null);
    applyFieldErrors(outcome, form.setError as never, ['amount', 'currency', 'expiry']);
    // A transaction id is single-use: the next try (maybe another card) is a new attempt.
    if (outcome.ok) {
      setIdempotencyKey(newKey());
      form.reset({ ...form.getValues(), amount: '', expiry: '', notes: '' });
    }
    await queryClient.invalidateQueries({ queryKey: ['staff'] });
  }

  // Whichever way the clerk answers the offer, it is answered once: the offer closes first.
  const answerOffer = (
    send: (
      offer: NonNullable<typeof storedOffer>,
      approval?: ManagerApprovalValues,
    ) => Promise<ActionResult<StaffPaymentResult>>,
  ) =>
    startTransition(async () => {
      if (!storedOffer) return;
      const offer = storedOffer;
      setStoredOffer(null);
      await settle((approval) => send(offer, approval));
    });

  const chargeStored = () =>
    answerOffer(({ match, values }, approval) =>
      chargeStoredCardAction({
        ...values,
        idempotencyKey,
        customerId,
        creditCardId: match.creditCardId,
        confirmed: true,
        ...(approval ? { approval } : {}),
      }),
    );

  // The clerk insists (another card with the same last digits and expiry): store and charge it.
  const storeAnyway = () =>
    answerOffer(({ card, values }, approval) =>
      chargeNewCardAction({
        ...values,
        idempotencyKey,
        customerId,
        card,
        confirmed: true,
        ...(approval ? { approval } : {}),
      }),
    );

  const approve = (approval: ManagerApprovalValues) =>
    startTransition(async () => {
      if (!awaitingApproval) return;
      await settle(awaitingApproval.send, approval);
    });

  return (
    <form
      className={styles.form}
      noValidate
      aria-label="Charge a new card"
      onSubmit={form.handleSubmit((values) => {
        if (parseAmount(values.amount, values.currency) === undefined) {
          form.setError('amount', { message: 'Enter a positive amount' });
          return;
        }
        setResult(null);
        setToConfirm(values);
      })}
    >
      <SecureCardFields
        handle={secureFields}
        cardNumberElementId={CARD_NUMBER_ID}
        cvvElementId={CVV_ID}
        // The boxes wear the form's own input class: same height, border and radius as the expiry.
        inputClassName={styles.input}
        invalid={invalid}
        labels={{
          cardNumber: 'Card number',
          cvv: 'CVV',
          acceptedCards: 'Cards accepted',
          loading: 'Loading the secure card fields…',
          unavailable: 'Card entry is unavailable right now. Record a terminal payment instead.',
          cardNumberInvalid: 'Check the card number',
          cvvInvalid: 'Check the CVV',
        }}
      />
      <Field id="new-card-expiry" label="Expiry (MM/YY)" error={errors.expiry?.message}>
        <TextInput
          id="new-card-expiry"
          error={errors.expiry}
          placeholder="MM/YY"
          autoComplete="off"
          maxLength={7}
          {...form.register('expiry')}
        />
      </Field>
      <MoneyFields
        prefix="new-card"
        register={form.register}
        errors={errors}
        currencies={currencies}
      />
      <ReservationAndNotes
        prefix="new-card"
        register={form.register}
        errors={errors}
        reservations={reservations}
        onReservationChange={reservationChangeHandler(form.setValue, reservations, currencies)}
      />
      {awaitingApproval ? (
        <ManagerApproval
          prefix="new-card"
          summary={
            <>
              Charge{' '}
              <ConfirmAmount
                amount={form.getValues('amount')}
                currency={form.getValues('currency')}
              />{' '}
              to the card entered.
            </>
          }
          result={result}
          pending={pending}
          onApprove={approve}
          onCancel={() => {
            setAwaitingApproval(null);
            setResult(null);
          }}
        />
      ) : storedOffer ? (
        <div
          className={styles.notice}
          role="region"
          aria-label="Card already stored"
          data-testid="stored-card-offer"
        >
          <p style={{ marginTop: 0 }}>
            This card is already stored for this customer ({storedOffer.match.label}). Charge the
            stored card: storing it again costs the hotel a Mews fee.
          </p>
          <div className={styles.actions}>
            <button
              type="button"
              className={styles.button}
              onClick={chargeStored}
              disabled={pending}
              aria-busy={pending}
            >
              {pending ? 'Working…' : 'Charge the stored card'}
            </button>
            <button
              type="button"
              className={styles.secondary}
              onClick={storeAnyway}
              disabled={pending}
            >
              Store it again and charge
            </button>
            <button
              type="button"
              className={styles.secondary}
              onClick={() => setStoredOffer(null)}
              disabled={pending}
            >
              Back
            </button>
          </div>
        </div>
      ) : toConfirm ? (
        <ConfirmStep
          summary={
            <>
              Charge <ConfirmAmount amount={toConfirm.amount} currency={toConfirm.currency} /> to
              the card entered?
            </>
          }
          confirmLabel="Confirm charge"
          pending={pending}
          onConfirm={confirm}
          onBack={() => setToConfirm(null)}
        />
      ) : (
        <SubmitButton pending={false} pendingLabel="">
          Review charge
        </SubmitButton>
      )}
      <PaymentOutcome result={result} fieldsShown={NEW_CARD_FIELDS} />
    </form>
  );
}
