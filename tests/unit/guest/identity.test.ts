import { describe, expect, it } from 'vitest';
import {
  brandStyleOf,
  hotelLabel,
  phoneHref,
  UNKNOWN_IDENTITY,
  websiteHref,
} from '@/lib/payments/guest/identity';
import { acceptanceFor, guestPolicyOf } from '@/lib/payments/guest/policy';
import { policyProblemOf } from '@/lib/payments/guest/policy-problem';
import { buttonTextOn, type PropertyIdentity } from '@/lib/payments/property/identity';
import { PaymentError } from '@/lib/server/errors';

/**
 * The hotel's face on the guest pages: its colour reaches the page only as a checked `#rrggbb`,
 * its contact details only as links a phone or mail program may open, and its deposit policy is
 * shown in the guest's language where the hotel wrote one, else in the hotel's own.
 */

function identity(overrides: Partial<PropertyIdentity> = {}): PropertyIdentity {
  return { ...UNKNOWN_IDENTITY, name: 'Hotel Aurora', ...overrides };
}

describe('the brand colour', () => {
  it('sets --brand and --brand-text for a dark and a light colour, each with readable text', () => {
    for (const [brand, text] of [
      ['#1b2a4a', '#ffffff'],
      ['#f3c84b', '#1a1a1a'],
    ] as const) {
      expect(buttonTextOn(brand).color).toBe(text);
      expect(brandStyleOf(identity({ brandColor: brand, brandTextColor: text }))).toEqual({
        '--brand': brand,
        '--brand-text': text,
      });
    }
  });

  it('leaves the default look when there is no colour, or one that is not #rrggbb', () => {
    expect(brandStyleOf(identity())).toBeUndefined();
    expect(
      brandStyleOf(identity({ brandColor: 'red;background:url(x)', brandTextColor: '#ffffff' })),
    ).toBeUndefined();
  });
});

describe('contact links', () => {
  it('dials the digits of a phone number', () => {
    expect(phoneHref('+44 (20) 7946-0958')).toBe('tel:+442079460958');
    expect(phoneHref('x')).toBeNull();
    expect(phoneHref(null)).toBeNull();
  });

  it('links only http(s) websites, adding https:// to a bare host', () => {
    expect(websiteHref('aurora.example')).toBe('https://aurora.example/');
    expect(websiteHref('http://aurora.example/stay')).toBe('http://aurora.example/stay');
    expect(websiteHref('javascript:alert(1)')).toBeNull();
    expect(websiteHref(null)).toBeNull();
  });

  it('calls a hotel without a known name by the generic word', () => {
    expect(hotelLabel(UNKNOWN_IDENTITY, 'Hotel')).toBe('Hotel');
    expect(hotelLabel(identity(), 'Hotel')).toBe('Hotel Aurora');
  });
});

describe('the deposit policy', () => {
  const policy = identity({
    defaultLocale: 'de',
    policy: { version: 4, required: true, texts: { de: 'Anzahlung', nl: 'Aanbetaling' } },
  });

  it("is shown in the guest's language, else the hotel's default, saying which", () => {
    expect(guestPolicyOf(policy, 'nl')).toEqual({
      version: 4,
      required: true,
      text: 'Aanbetaling',
      textLocale: 'nl',
    });
    expect(guestPolicyOf(policy, 'fr')).toMatchObject({ text: 'Anzahlung', textLocale: 'de' });
    expect(guestPolicyOf(identity(), 'en')).toBeNull();
  });

  it('must be accepted in its current version when required; the acceptance names the language read', () => {
    const now = new Date('2027-01-02T03:04:05Z');
    const refusal = (answer: object) => {
      try {
        acceptanceFor(policy, answer, 'fr', now);
      } catch (error) {
        expect(error).toBeInstanceOf(PaymentError);
        const { code, options } = error as PaymentError;
        return policyProblemOf({ code, fieldErrors: options.fieldErrors });
      }
      return 'accepted';
    };
    expect(refusal({})).toBe('policy_not_accepted');
    expect(refusal({ policyAccepted: false, policyVersion: 4 })).toBe('policy_not_accepted');
    expect(refusal({ policyAccepted: true, policyVersion: 3 })).toBe('policy_changed');
    expect(refusal({ policyAccepted: true })).toBe('policy_changed');
    expect(acceptanceFor(policy, { policyAccepted: true, policyVersion: 4 }, 'fr', now)).toEqual({
      version: 4,
      acceptedAt: now,
      locale: 'de',
    });
  });

  it('asks nothing and stores nothing when it is only shown', () => {
    const shown = identity({ policy: { version: 1, required: false, texts: { en: 'Text' } } });
    expect(acceptanceFor(shown, {}, 'en', new Date())).toBeNull();
    expect(
      acceptanceFor(shown, { policyAccepted: true, policyVersion: 1 }, 'en', new Date()),
    ).toBeNull();
  });

  it('tells other refusals apart from a policy refusal', () => {
    expect(policyProblemOf({ code: 'invalid_input', fieldErrors: { expiry: ['x'] } })).toBeNull();
    expect(
      policyProblemOf({ code: 'conflict', fieldErrors: { policy: ['policy_changed'] } }),
    ).toBeNull();
  });
});
