import { z } from 'zod';
import { LOCALE_NAMES, LOCALES, type Locale } from '@/lib/i18n/locales';
import { freeText } from '@/lib/validation/text';
import { AA_CONTRAST, buttonTextOn, HEX_COLOR } from './colors';

/**
 * The Property settings form's schema, shared by the form (react-hook-form's resolver) and
 * `updatePropertyAction`, so both refuse the same things in the same words. Client-safe.
 *
 * The form sends what the manager typed (strings, "" for "not set"); the output is what is stored
 * (null for "not set", a number array for the reminder days).
 */

/** A stored value or null for an empty field. */
const orNull = (value: string) => (value === '' ? null : value);

/** The contrast figure as it is written for people: rounded down, so a refused colour never reads "4.5:1". */
export function contrastFigure(contrast: number): string {
  return `${(Math.floor(contrast * 10) / 10).toFixed(1)}:1`;
}

/**
 * Why a brand colour is refused, or null when the pay button's text (white or near-black,
 * whichever reads better) meets WCAG AA on it.
 */
export function brandColorProblem(color: string): string | null {
  const { contrast } = buttonTextOn(color);
  if (contrast >= AA_CONTRAST) return null;
  return `The pay button's text on ${color.toLowerCase()} would have a contrast of ${contrastFigure(contrast)} at best (white or dark text); guests need at least ${AA_CONTRAST}:1 (WCAG AA) to read it. Choose a darker or lighter shade.`;
}

const brandColor = z
  .string()
  .trim()
  .refine(
    (value) => value === '' || HEX_COLOR.test(value),
    'Enter the colour as # and six hexadecimal digits, e.g. #1b2a4a, or leave it empty for the default look',
  )
  .transform((value) => value.toLowerCase())
  .superRefine((value, context) => {
    if (value === '' || !HEX_COLOR.test(value)) return;
    const problem = brandColorProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform(orNull);

const displayName = freeText(80, 'The display name')
  .refine((value) => !/[\r\n\t]/.test(value), 'The display name must fit on one line')
  .transform(orNull);

const PHONE_CHARACTERS = /^[0-9 +\-().\/]*$/;
const phone = z
  .string()
  .trim()
  .max(40, 'The phone number is at most 40 characters')
  .refine(
    (value) => PHONE_CHARACTERS.test(value),
    'A phone number has only digits, spaces and + - ( ) . /',
  )
  .refine(
    (value) => value === '' || (value.match(/\d/g)?.length ?? 0) >= 3,
    'Enter the whole phone number, with its digits',
  )
  .transform(orNull);

const optionalEmail = (label: string) =>
  z
    .string()
    .trim()
    .max(254, `${label} is at most 254 characters`)
    .refine((value) => value === '' || z.email().safeParse(value).success, {
      message: `${label} is not a valid e-mail address`,
    })
    .transform(orNull);

/** Written without a scheme (`hotel.example`), a website gets `https://`, as a browser would. */
const website = z
  .string()
  .trim()
  .max(200, 'The website address is at most 200 characters')
  .transform((value) =>
    value === '' || /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`,
  )
  .refine((value) => {
    if (value === '') return true;
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'https:' || url.protocol === 'http:') &&
        url.hostname.includes('.') &&
        !url.username &&
        !url.password
      );
    } catch {
      return false;
    }
  }, 'Enter the website as a full address, e.g. https://www.hotel.example')
  .transform(orNull);

const address = freeText(300, 'The address').transform(orNull);

export const MAX_POLICY_LENGTH = 4000;

/** One textarea per language; an empty one means "falls back to the default language". */
const policyTexts = z
  .object(
    Object.fromEntries(
      LOCALES.map((locale) => [
        locale,
        freeText(MAX_POLICY_LENGTH, `The policy in ${LOCALE_NAMES[locale]}`).optional(),
      ]),
    ) as Record<Locale, z.ZodOptional<ReturnType<typeof freeText>>>,
  )
  .transform((texts) => {
    const kept: Partial<Record<Locale, string>> = {};
    for (const locale of LOCALES) {
      const text = texts[locale];
      if (text) kept[locale] = text;
    }
    return kept;
  });

export const MAX_REMINDERS = 3;
export const MAX_REMINDER_DAYS = 30;

/**
 * "3, 1" (commas, spaces or semicolons between) to [3, 1]: at most 3 distinct whole days between
 * 1 and 30, latest first. Empty means no reminders. An array of numbers is taken as it is.
 */
export function parseReminderDays(
  value: string | readonly number[],
): { days: number[] } | { problem: string } {
  const parts = typeof value === 'string' ? value.split(/[\s,;]+/).filter(Boolean) : value;
  const days: number[] = [];
  for (const part of parts) {
    const text = String(part);
    if (!/^\d{1,3}$/.test(text)) {
      return {
        problem: `Reminder days: "${text.slice(0, 12)}" is not a whole number of days (write e.g. 3, 1)`,
      };
    }
    const day = Number(text);
    if (day < 1 || day > MAX_REMINDER_DAYS) {
      return {
        problem: `Reminder days: each is between 1 and ${MAX_REMINDER_DAYS} days before the link expires`,
      };
    }
    if (days.includes(day)) return { problem: `Reminder days: ${day} is there twice` };
    days.push(day);
  }
  if (days.length > MAX_REMINDERS) {
    return { problem: `Reminder days: at most ${MAX_REMINDERS} reminders per link` };
  }
  return { days: days.sort((a, b) => b - a) };
}

const reminderDaysBefore = z
  .union([z.string().max(100, 'Reminder days: too long'), z.array(z.number()).max(10)])
  .transform((value, context) => {
    const parsed = parseReminderDays(value);
    if ('problem' in parsed) {
      context.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }
    return parsed.days;
  });

export const propertySettingsSchema = z
  .object({
    displayName,
    brandColor,
    phone,
    email: optionalEmail('The hotel e-mail'),
    website,
    address,
    defaultLocale: z.enum(LOCALES, { message: 'Choose one of the languages listed' }),
    policyTexts,
    policyRequired: z.boolean(),
    reminderDaysBefore,
    receiptCopyEmail: optionalEmail('The receipt copy address'),
  })
  .superRefine((settings, context) => {
    if (settings.policyRequired && !settings.policyTexts[settings.defaultLocale]) {
      context.addIssue({
        code: 'custom',
        path: ['policyRequired'],
        message: `Guests can only be asked to accept a policy that exists in the default language (${LOCALE_NAMES[settings.defaultLocale]}): write it there first.`,
      });
    }
  });

/** What the form holds (strings as typed). */
export type PropertySettingsInput = z.input<typeof propertySettingsSchema>;
/** What is stored. */
export type PropertySettings = z.output<typeof propertySettingsSchema>;
