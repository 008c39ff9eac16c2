'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { TokenizedCard } from './card-details';
import { loadSecureFields } from './load-secure-fields';
import {
  bootKey,
  initTokenizeArguments,
  type SecureFieldsBoot,
  type SecureFieldsSetup,
} from './secure-fields-setup';
import type {
  SecureFieldName,
  SecureFieldsChangePayload,
  SecureFieldsCardInfoPayload,
  SecureFieldsInstance,
  SecureFieldState,
  SecureFieldsStatePayload,
  SecureFieldsSuccessPayload,
} from './secure-fields-api';

export type SecureFieldsStatus = 'loading' | 'ready' | 'unavailable';

export type TokenizeOutcome =
  | { kind: 'success'; card: TokenizedCard }
  | { kind: 'invalid'; invalid: { cardNumber: boolean; cvv: boolean } }
  | { kind: 'error'; message: string };

export type SecureFieldsOptions = SecureFieldsSetup;

/** The boot script's instance for exactly these fields, once; null when there is none to take. */
function adoptBoot(
  setup: Pick<
    SecureFieldsSetup,
    'scriptUrl' | 'merchantId' | 'cardNumberElementId' | 'cvvElementId'
  >,
): SecureFieldsBoot | null {
  const boot = window.__secureFieldsBoot;
  if (!boot || boot.adopted || boot.key !== bootKey(setup)) return null;
  boot.adopted = true;
  return boot;
}

/** Per secure field: true when it is not (yet) a valid entry. */
export type SecureFieldsIncomplete = { cardNumber: boolean; cvv: boolean };

export interface SecureFieldsHandle {
  status: SecureFieldsStatus;
  fields: Partial<Record<SecureFieldName, SecureFieldState>>;
  /** The field the guest is typing in (Secure Fields' focus and blur events), for the focus ring. */
  focused: SecureFieldName | null;
  /**
   * Which fields are not valid as Secure Fields last reported them (its `change` event comes with
   * every focus, blur and key in a field; a field never touched is empty, so incomplete). Lets a
   * form flag the card number and CVV together with its own fields, in one pass, without
   * tokenizing a card it is not going to use.
   */
  incomplete(): SecureFieldsIncomplete;
  /** Tokenizes what the guest typed; resolves once, whatever the library does. */
  tokenize(expiry: { month: string; year: string }): Promise<TokenizeOutcome>;
  focus(field: SecureFieldName): void;
}

const TOKENIZE_TIMEOUT_MS = 30_000;
const SCRIPT_TIMEOUT_MS = 15_000;
const CARD_INFO_TIMEOUT_MS = 1_500;

/**
 * Owns one Secure Fields instance for the life of the form. The instance lives in a ref, its
 * events are registered once and routed to the pending tokenization through refs (the library has
 * no `off`), and the cleanup destroys exactly that instance, so React's double mount in
 * development never leaves two sets of iframes.
 */
export function useSecureFields(options: SecureFieldsOptions): SecureFieldsHandle {
  const [status, setStatus] = useState<SecureFieldsStatus>('loading');
  const [fields, setFields] = useState<Partial<Record<SecureFieldName, SecureFieldState>>>({});
  const [focused, setFocused] = useState<SecureFieldName | null>(null);
  // The latest field states for `incomplete()`, which a submit handler calls outside a render.
  const fieldsRef = useRef<Partial<Record<SecureFieldName, SecureFieldState>>>({});
  const instanceRef = useRef<SecureFieldsInstance | null>(null);
  const pendingRef = useRef<((outcome: TokenizeOutcome) => void) | null>(null);
  const labelsRef = useRef(options.labels);

  const { scriptUrl, merchantId, cardNumberElementId, cvvElementId } = options;

  useEffect(() => {
    let cancelled = false;
    let instance: SecureFieldsInstance | null = null;
    let bootTimer: number | undefined;

    const settle = (outcome: TokenizeOutcome) => {
      const resolve = pendingRef.current;
      pendingRef.current = null;
      resolve?.(outcome);
    };

    const handlers = {
      ready: () => {
        if (!cancelled) setStatus('ready');
      },
      error: () => {
        if (cancelled) return;
        if (pendingRef.current) settle({ kind: 'error', message: 'tokenization_failed' });
        else setStatus('unavailable');
      },
      change: (payload: SecureFieldsChangePayload) => {
        if (cancelled) return;
        fieldsRef.current = { ...payload.fields };
        setFields(fieldsRef.current);
        const { field, type } = payload.event;
        if (field !== 'cardNumber' && field !== 'cvv') return;
        if (type === 'focus') setFocused(field);
        else if (type === 'blur') setFocused((current) => (current === field ? null : current));
      },
      validate: (payload: SecureFieldsStatePayload) => {
        if (cancelled) return;
        fieldsRef.current = { ...payload.fields };
        setFields(fieldsRef.current);
        if (payload.hasErrors) {
          settle({
            kind: 'invalid',
            invalid: {
              cardNumber: payload.fields.cardNumber?.valid === false,
              cvv: payload.fields.cvv?.valid === false,
            },
          });
        }
      },
      success: (payload: SecureFieldsSuccessPayload) => {
        if (cancelled) return;
        // A success without a transaction id is how the library reports a failed tokenization.
        if (typeof payload.transactionId !== 'string' || !/^\d+$/.test(payload.transactionId)) {
          settle({ kind: 'error', message: 'tokenization_failed' });
          return;
        }
        const transactionId = payload.transactionId;
        const brand = payload.cardInfo?.brand;
        let answered = false;
        const finish = (info?: SecureFieldsCardInfoPayload) => {
          if (answered) return;
          answered = true;
          settle({
            kind: 'success',
            card: {
              transactionId,
              maskedCard: info?.data.maskedCard,
              brand: brand ?? info?.data.cardInfo?.brand ?? info?.data.paymentMethod,
            },
          });
        };
        window.setTimeout(() => finish(), CARD_INFO_TIMEOUT_MS);
        instance?.getCardInfo((info) => finish(info));
      },
    };

    const use = (made: SecureFieldsInstance) => {
      instance = made;
      instanceRef.current = made;
    };

    // The page's boot script may have started these very fields before hydration: take them over.
    const boot = adoptBoot({ scriptUrl, merchantId, cardNumberElementId, cvvElementId });
    if (boot) {
      boot.handlers = handlers as SecureFieldsBoot['handlers'];
      if (boot.instance) use(boot.instance);
      else boot.onInstance = use;
      // What the library said before the form existed, told again (after this effect, as events are).
      queueMicrotask(() => {
        if (boot.last.change) handlers.change(boot.last.change as SecureFieldsChangePayload);
        if (boot.state === 'ready') handlers.ready();
        else if (boot.state === 'failed' && !cancelled) setStatus('unavailable');
      });
      if (boot.state === 'loading')
        bootTimer = window.setTimeout(() => {
          if (!cancelled && !boot.instance) setStatus('unavailable');
        }, SCRIPT_TIMEOUT_MS);
    } else {
      loadSecureFields(scriptUrl, SCRIPT_TIMEOUT_MS)
        .then((SecureFields) => {
          if (cancelled) return;
          const made = new SecureFields();
          use(made);
          made.on('ready', handlers.ready);
          made.on('error', handlers.error);
          made.on('change', handlers.change);
          made.on('validate', handlers.validate);
          made.on('success', handlers.success);
          made.initTokenize(
            ...initTokenizeArguments({
              scriptUrl,
              merchantId,
              cardNumberElementId,
              cvvElementId,
              labels: labelsRef.current,
            }),
          );
        })
        .catch(() => {
          if (!cancelled) setStatus('unavailable');
        });
    }

    return () => {
      cancelled = true;
      window.clearTimeout(bootTimer);
      setFocused(null);
      settle({ kind: 'error', message: 'unmounted' });
      if (boot) {
        boot.handlers = {};
        boot.onInstance = null;
        // Gone with this form: a form mounted later (another language) starts its own fields.
        if (window.__secureFieldsBoot === boot) delete window.__secureFieldsBoot;
      }
      const current = instance ?? boot?.instance ?? null;
      try {
        current?.destroy();
      } catch {
        // a half-initialised instance may throw; the iframes go with the placeholder anyway
      }
      if (instanceRef.current === current) instanceRef.current = null;
    };
  }, [scriptUrl, merchantId, cardNumberElementId, cvvElementId]);

  const tokenize = useCallback(
    (expiry: { month: string; year: string }): Promise<TokenizeOutcome> => {
      const instance = instanceRef.current;
      if (!instance) return Promise.resolve({ kind: 'error', message: 'not_ready' });
      // One tokenization at a time: a second call waits for nothing and is refused.
      if (pendingRef.current) return Promise.resolve({ kind: 'error', message: 'busy' });
      return new Promise<TokenizeOutcome>((resolve) => {
        const timer = window.setTimeout(() => {
          if (pendingRef.current === done) {
            pendingRef.current = null;
            resolve({ kind: 'error', message: 'timeout' });
          }
        }, TOKENIZE_TIMEOUT_MS);
        const done = (outcome: TokenizeOutcome) => {
          window.clearTimeout(timer);
          resolve(outcome);
        };
        pendingRef.current = done;
        instance.submit({ expm: expiry.month, expy: expiry.year });
      });
    },
    [],
  );

  const focus = useCallback((field: SecureFieldName) => instanceRef.current?.focus(field), []);

  const incomplete = useCallback((): SecureFieldsIncomplete => {
    const current = fieldsRef.current;
    return { cardNumber: current.cardNumber?.valid !== true, cvv: current.cvv?.valid !== true };
  }, []);

  return { status, fields, focused, incomplete, tokenize, focus };
}
