/**
 * The Property settings form's rules, as the manager meets them (the form and the server share the
 * schema): a brand colour the pay button's text would be unreadable on is refused with the
 * contrast figure and why, and the reminder schedule is read the way people write it.
 */
import { describe, expect, it } from 'vitest';
import { buttonTextOn } from '@/lib/payments/property/colors';
import {
  parseReminderDays,
  propertySettingsSchema,
  type PropertySettingsInput,
} from '@/lib/payments/property/schemas';

const valid: PropertySettingsInput = {
  displayName: 'Hotel Aurora',
  brandColor: '#1b2a4a',
  phone: '+31 20 123 4567',
  email: 'desk@aurora.example',
  website: 'https://aurora.example',
  address: 'Keizersgracht 1\n1015 AA Amsterdam',
  defaultLocale: 'en',
  policyTexts: { en: 'The deposit is refundable until 48 hours before arrival.', nl: '' },
  policyRequired: true,
  reminderDaysBefore: '3, 1',
  receiptCopyEmail: '',
};

const parse = (changes: Partial<PropertySettingsInput>) =>
  propertySettingsSchema.safeParse({ ...valid, ...changes });
const messages = (changes: Partial<PropertySettingsInput>) => {
  const result = parse(changes);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('brand colour', () => {
  it('accepts a dark colour (white text) and a light one (dark text)', () => {
    expect(buttonTextOn('#1b2a4a').color).toBe('#ffffff');
    expect(buttonTextOn('#f3c84b').color).toBe('#1a1a1a');
    expect(parse({ brandColor: '#1b2a4a' }).data?.brandColor).toBe('#1b2a4a');
    expect(parse({ brandColor: '#F3C84B' }).data?.brandColor).toBe('#f3c84b');
  });

  it('refuses mid-grey, saying the contrast figure, the minimum and what to do', () => {
    const [message] = messages({ brandColor: '#7a7a7a' });
    expect(message).toContain('#7a7a7a');
    expect(message).toContain('4.2:1');
    expect(message).toContain('4.5:1 (WCAG AA)');
    expect(message).toMatch(/darker or lighter/);
  });

  it('never shows a refused colour as meeting the minimum (the figure is rounded down)', () => {
    // #777777: 4.48:1 with white text, which rounding to nearest would print as "4.5:1".
    expect(buttonTextOn('#777777').contrast).toBeGreaterThan(4.45);
    expect(messages({ brandColor: '#777777' })[0]).toContain('4.4:1');
    expect(parse({ brandColor: '#767676' }).success).toBe(true);
  });

  it('treats empty as the default look, and refuses other notations', () => {
    expect(parse({ brandColor: '' }).data?.brandColor).toBeNull();
    expect(messages({ brandColor: 'navy' })[0]).toMatch(/six hexadecimal digits/);
    expect(messages({ brandColor: '#123' })[0]).toMatch(/six hexadecimal digits/);
  });
});

describe('reminder days', () => {
  it('reads "3, 1" and other ways of writing it, latest first', () => {
    expect(parseReminderDays('3, 1')).toEqual({ days: [3, 1] });
    expect(parseReminderDays('1 3;7')).toEqual({ days: [7, 3, 1] });
    expect(parseReminderDays('  ')).toEqual({ days: [] });
    expect(parseReminderDays([1, 3])).toEqual({ days: [3, 1] });
    expect(parse({ reminderDaysBefore: '1,3' }).data?.reminderDaysBefore).toEqual([3, 1]);
  });

  it('refuses more than three, duplicates, out-of-range and fractional days', () => {
    expect(parseReminderDays('7, 3, 2, 1')).toMatchObject({ problem: /at most 3/ });
    expect(parseReminderDays('3, 3')).toMatchObject({ problem: /twice/ });
    expect(parseReminderDays('0')).toMatchObject({ problem: /between 1 and 30/ });
    expect(parseReminderDays('31')).toMatchObject({ problem: /between 1 and 30/ });
    expect(parseReminderDays('1.5')).toMatchObject({ problem: /whole number/ });
    expect(parseReminderDays('-1')).toMatchObject({ problem: /whole number/ });
    expect(messages({ reminderDaysBefore: 'soon' })[0]).toMatch(/whole number of days/);
  });
});

describe('the other fields', () => {
  it('stores empty fields as not set', () => {
    const result = parse({ displayName: '', phone: '', email: '', website: '', address: '' });
    expect(result.data).toMatchObject({
      displayName: null,
      phone: null,
      email: null,
      website: null,
      address: null,
    });
  });

  it('keeps only the policy languages that have text', () => {
    expect(parse({}).data?.policyTexts).toEqual({
      en: 'The deposit is refundable until 48 hours before arrival.',
    });
  });

  it('requires the policy in the default language before guests must accept it', () => {
    expect(messages({ defaultLocale: 'nl' })[0]).toMatch(/default language \(Nederlands\)/);
    expect(parse({ defaultLocale: 'nl', policyRequired: false }).success).toBe(true);
  });

  it('refuses card data in a policy text, control characters and overlong texts', () => {
    expect(messages({ policyTexts: { en: 'Card 4242 4242 4242 4242 on file' } })[0]).toMatch(
      /full card number/,
    );
    expect(messages({ displayName: 'Hotel\u0007' })[0]).toMatch(/control characters/);
    expect(messages({ displayName: 'Hotel\nAurora' })[0]).toMatch(/one line/);
    expect(messages({ policyTexts: { en: 'x'.repeat(4001) } })[0]).toMatch(/at most 4000/);
    expect(messages({ displayName: 'x'.repeat(81) })[0]).toMatch(/at most 80/);
  });

  it('checks phone, e-mail and website', () => {
    expect(parse({ phone: '+44 (0)20 7946-0958' }).success).toBe(true);
    expect(messages({ phone: 'call us' })[0]).toMatch(/only digits/);
    expect(messages({ email: 'desk@' })[0]).toMatch(/not a valid e-mail/);
    expect(messages({ receiptCopyEmail: 'nope' })[0]).toMatch(/receipt copy address/);
    expect(parse({ website: 'aurora.example' }).data?.website).toBe('https://aurora.example');
    expect(messages({ website: 'javascript:alert(1)' })[0]).toMatch(/full address/);
    expect(messages({ website: 'ftp://aurora.example' })[0]).toMatch(/full address/);
  });

  it('refuses a language it does not speak', () => {
    expect(messages({ defaultLocale: 'es' as never })[0]).toMatch(/languages listed/);
  });
});
