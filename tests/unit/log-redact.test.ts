import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskCardData, maskCardNumbers, REDACTED, redactSensitive } from '@/lib/log/redact';

describe('redactSensitive', () => {
  it('replaces tokens, secrets, passwords and card fields at any depth', () => {
    const out = redactSensitive({
      ClientToken: 'c',
      request: {
        AccessToken: 'a',
        body: { password: 'p', cvv: '123', cardNumber: '4242', StorageData: '123' },
      },
      list: [{ authorization: 'Bearer x' }],
      ok: 'visible',
    });
    expect(out).toEqual({
      ClientToken: REDACTED,
      request: {
        AccessToken: REDACTED,
        body: { password: REDACTED, cvv: REDACTED, cardNumber: REDACTED, StorageData: REDACTED },
      },
      list: [{ authorization: REDACTED }],
      ok: 'visible',
    });
  });

  it('masks a card number wherever it hides in text, keeping none of its digits', () => {
    expect(maskCardNumbers('charge of 4242424242424242 failed')).toBe(
      'charge of [card number] failed',
    );
    expect(maskCardNumbers('pan 4242 4242 4242 4242')).toBe('pan [card number]');
    expect(redactSensitive({ message: 'Details: 5404000000000001' })).toEqual({
      message: 'Details: [card number]',
    });
    // In any notation, and a security code after its name.
    expect(maskCardData('pan 4242.4242.4242.4242 cvv: 123, exp 12/30')).toBe(
      'pan [card number] [cvv], exp 12/30',
    );
    // Every window of a longer run is tried; digits around it may go with it.
    expect(maskCardData('order 1234 4242_4242_4242_4242')).toMatch(
      /^order (?:1234 )?\[card number\]$/,
    );
    // Ids, amounts and timestamps are not card numbers.
    expect(maskCardNumbers('request 1234567890123 took 15 ms')).toBe(
      'request 1234567890123 took 15 ms',
    );
  });

  it('leaves no Luhn-valid card number of any length in the output', () => {
    const luhnComplete = (body: string) => {
      let sum = 0;
      for (let i = 0; i < body.length; i++) {
        let d = Number(body[body.length - 1 - i]);
        if (i % 2 === 0) {
          d *= 2;
          if (d > 9) d -= 9;
        }
        sum += d;
      }
      return body + String((10 - (sum % 10)) % 10);
    };
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{11,17}$/), fc.string(), (body, prefix) => {
        const pan = luhnComplete(body);
        const out = JSON.stringify(redactSensitive({ note: `${prefix} ${pan} `, nested: [pan] }));
        expect(out).not.toContain(pan);
      }),
    );
  });
});
