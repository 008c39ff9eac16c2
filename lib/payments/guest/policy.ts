import 'server-only';
import type { PaymentAttempt } from '@/lib/db/schema';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { policyTextFor, type PropertyIdentity } from '@/lib/payments/property/identity';
import { PaymentError } from '@/lib/server/errors';
import { POLICY_FIELD, type PolicyProblem } from './policy-problem';

/**
 * The hotel's deposit policy on the pay page, and the guest's acceptance of it. When the hotel
 * requires it, the acceptance (which version, when by our clock, in which language the guest read
 * it) is stored with the attempt: it is the hotel's evidence when a guest disputes a deposit. A
 * policy shown but not required stores nothing: nobody was asked to accept anything.
 */

/** The policy as the pay page shows it to a guest reading in `locale`. */
export interface GuestPolicy {
  version: number;
  required: boolean;
  text: string;
  /** The language of `text`: the guest's, or the hotel's default (or any) when not written in theirs. */
  textLocale: Locale;
}

export function guestPolicyOf(identity: PropertyIdentity, locale: Locale): GuestPolicy | null {
  if (!identity.policy) return null;
  const shown = policyTextFor(identity.policy, locale, identity.defaultLocale);
  if (!shown) return null;
  return {
    version: identity.policy.version,
    required: identity.policy.required,
    text: shown.text,
    textLocale: shown.locale,
  };
}

/** What is stored with an attempt whose guest accepted a required policy. */
export interface PolicyAcceptance {
  version: number;
  acceptedAt: Date;
  /** The language of the text the guest was shown. */
  locale: Locale;
}

/** What the pay page sends with a payment (lib/payments/guest/schemas). */
export interface PolicyAnswer {
  policyAccepted?: boolean | undefined;
  policyVersion?: number | undefined;
}

/**
 * The refusal a guest sees when the policy was not accepted or has changed since the page was
 * loaded. Sent as `invalid_input` with the reason under `fieldErrors.policy` (see
 * ./policy-problem), so the page can name the checkbox and, for a new version, show it.
 */
export function policyRefusal(problem: PolicyProblem): PaymentError {
  return new PaymentError(
    'invalid_input',
    problem === 'policy_changed'
      ? 'The deposit policy has changed. Please read the updated policy and accept it to pay.'
      : 'Please accept the deposit policy to pay.',
    { userVisible: true, fieldErrors: { [POLICY_FIELD]: [problem] } },
  );
}

/**
 * Checks the guest's answer against the hotel's current policy: `null` when nothing is to be
 * stored (no policy, or one that is not required), the acceptance to store otherwise. Throws
 * `policyRefusal` when a required policy was not accepted, or accepted in a version that is no
 * longer current (the guest must read the new text first).
 */
export function acceptanceFor(
  identity: PropertyIdentity,
  answer: PolicyAnswer,
  guestLocale: Locale,
  now: Date,
): PolicyAcceptance | null {
  const policy = guestPolicyOf(identity, guestLocale);
  if (!policy?.required) return null;
  if (answer.policyAccepted !== true) throw policyRefusal('policy_not_accepted');
  if (answer.policyVersion !== policy.version) throw policyRefusal('policy_changed');
  return { version: policy.version, acceptedAt: now, locale: policy.textLocale };
}

/** The policy columns of a new attempt row. */
export function policyColumnsOf(acceptance: PolicyAcceptance | null): {
  policyVersion: number | null;
  policyAcceptedAt: Date | null;
  policyLocale: string | null;
} {
  return {
    policyVersion: acceptance?.version ?? null,
    policyAcceptedAt: acceptance?.acceptedAt ?? null,
    policyLocale: acceptance?.locale ?? null,
  };
}

/**
 * The policy acceptance stored with an attempt, for staff pages (the payment detail) and exports:
 * `null` when the guest was not asked to accept one. The text of `version` is kept word for word
 * in property_policy_versions.
 */
export function policyAcceptanceOf(
  attempt: Pick<PaymentAttempt, 'policyVersion' | 'policyAcceptedAt' | 'policyLocale'>,
): { version: number; acceptedAt: Date; locale: Locale | null } | null {
  if (attempt.policyVersion == null || !attempt.policyAcceptedAt) return null;
  return {
    version: attempt.policyVersion,
    acceptedAt: attempt.policyAcceptedAt,
    locale: isLocale(attempt.policyLocale) ? attempt.policyLocale : null,
  };
}
