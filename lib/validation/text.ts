import { z } from 'zod';

/**
 * Guards for text people type (notes, references, descriptions, search queries), shared by the
 * forms and the server so both refuse the same things with the same words. Client-safe.
 */

// ---- Card data ------------------------------------------------------------------------------------
//
// What is refused as card data, and why:
//
// - A card number: 13 to 19 digits (the lengths of a PAN) in which each digit is at most 3
//   characters away from the next, those characters being anything but letters and digits
//   (spaces, dots, underscores, slashes, dashes, commas, plus, tabs, line breaks, NBSP, unicode
//   dashes, zero-width spaces, keycap marks…), so `4242.4242.4242.4242`, `4242_4242_4242_4242`,
//   `4242 / 4242 / 4242 / 4242` or one group per line are the same number. The 13 to 19 digit
//   windows of a longer run are tried too (which ones: below), so a reference run into a test card
//   number (`order 1234 ` then the 16 digits of 4242…4242 unspaced) is
//   caught; a window counts when it starts with 1–9 (no card number starts with 0) and passes the
//   Luhn check. Digits are any Unicode decimal digits (fullwidth `４２４２` too). A letter ends a
//   run, and so do 4 or more other characters in a row, so a masked terminal number
//   (`411111******1111`: at most 10 digits) is never one.
// - A security code: `cvv`, `cvc`, `csc`, `cid`, `cvn`, `cvv2`, `cvc2`, `security code` or `card
//   verification (value|code|number)`, any case, then within a few characters (punctuation,
//   spaces, `is`, `code`, `number`, `no`, `#`, `:`) 3 or 4 digits: `cvv 123`, `CVC2: 0123`,
//   `CVV number is 123`. Not 3 digits alone (that is a room number), nor the code before the word.
// - Not read as card numbers: ids and dates that merely hold digits count as letters (a UUID, an
//   IBAN whose check digits are right, mod 97, for its country's length, and a date with a
//   4-digit year such as 2026-12-02 or 02.12.2026, so a stay `02.12.2026 - 05.12.2026` is not a
//   16-digit number); a number written like an international phone number (`+49 151 12345678`:
//   a `+` right before it, at most 15 digits, the E.164 maximum) is a phone number, so
//   `+3782 822463 10005` gets through: the price of never refusing a guest's phone number.
//
// Why Luhn keeps false positives low: only runs of 13+ digits are read at all, and a random digit
// string passes Luhn 1 time in 10. The guards try the windows that start and end where the run's
// groups do (every window only inside a group of 20+ digits in a row): a 16-digit booking
// reference `1234 5678 9012 3456` is then one window, and a non-Luhn one is never refused (tried
// at every window, 10 chances of 1 in 10, 65 % of them would be). Ordinary hotel text never
// reaches 13 digits in one run or is exempt: reservation numbers, 12-digit ids, phone numbers
// (`+44 20 7946 0958`), dates, times, amounts like `1,250.00`, masked numbers, UUIDs, IBANs. What
// can still be refused, the price of "any separator": several numbers only a few characters apart
// making 13+ digits, e.g. a date with 2-digit year and a time (`02/12/26 14:00:00`), three amounts
// in a row (`125.50, 125.50, 125.50`), a phone number written without its `+`, or an account
// number of 13+ digits that is no IBAN: about 1 time in 10 per window tried. The message says
// what to do, and a word between the numbers always gets them through. A card number glued to
// other digits (`14242424242424242`, 17 digits in a row) is not caught by the guards unless the
// glued number is longer than 19 digits; the log redactor tries every window and masks it.

/** Card data refused, in words; never echoes the value. Says "full card number" on purpose (forms and tests look for it). */
export const CARD_DATA_REFUSED =
  'This looks like card data (a full card number or a security code). Never type card details here: enter at most the first 6 and last 4 digits of a card, and never its security code.';
/** Kept for existing callers: the same message, since every guard refuses card numbers and security codes alike. */
export const CARD_NUMBER_REFUSED = CARD_DATA_REFUSED;

const MIN_PAN_DIGITS = 13;
const MAX_PAN_DIGITS = 19;
/** At most this many characters other than letters and digits between two digits of one number. */
const MAX_SEPARATOR_RUN = 3;

const ALPHANUMERIC = /[\p{L}\p{N}]/u;
const DECIMAL_DIGIT = /\p{Nd}/u;
/** A letter, or a number that is not a decimal digit (², Ⅻ): it ends a digit run. */
const OTHER_ALPHANUMERIC = -2;
/** Anything else: it may stand between two digits of one number. */
const SEPARATOR = -1;
const nonAsciiClasses = new Map<number, number>();

/**
 * 0–9 for a decimal digit of any script, OTHER_ALPHANUMERIC or SEPARATOR. Unicode encodes each
 * script's digits as 10 consecutive code points from 0 to 9, so a digit's value is its distance
 * from the start of its block.
 */
function classify(codePoint: number): number {
  if (codePoint >= 48 && codePoint <= 57) return codePoint - 48;
  if (codePoint < 128) {
    const lower = codePoint | 32;
    return lower >= 97 && lower <= 122 ? OTHER_ALPHANUMERIC : SEPARATOR;
  }
  const known = nonAsciiClasses.get(codePoint);
  if (known !== undefined) return known;
  const char = String.fromCodePoint(codePoint);
  let value = ALPHANUMERIC.test(char) ? OTHER_ALPHANUMERIC : SEPARATOR;
  if (DECIMAL_DIGIT.test(char)) {
    let start = codePoint;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
    value = (codePoint - start) % 10;
  }
  if (nonAsciiClasses.size < 10_000) nonAsciiClasses.set(codePoint, value);
  return value;
}

const UUID_IN_TEXT =
  /(?<![\p{L}\p{N}])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\p{L}\p{N}])/giu;
/**
 * A calendar date with a 4-digit year (1900–2099) and one separator used twice: 2026-12-02,
 * 02.12.2026, 02/12/2026, 12/02/2026. A stay (`02.12.2026 - 05.12.2026`) is two of them, not 16 digits.
 */
const YEAR = '(?:19|20)\\d{2}';
const MONTH = '(?:0?[1-9]|1[0-2])';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const DATE_IN_TEXT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${YEAR}([-./])${MONTH}\\1${DAY}|${DAY}([-./])${MONTH}\\2${YEAR}|${MONTH}([-./])${DAY}\\3${YEAR})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** IBAN length per country (ISO 13616 registry); a candidate of another length is no IBAN. */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};
/** Where an IBAN may start: 2 letters and 2 check digits (then its groups, one space or dash between). */
const IBAN_START = /(?<![\p{L}\p{N}])[a-z]{2}\d{2}/giu;
const IBAN_CHARACTER = /^[A-Z0-9]$/;

function ibanChecksumValid(compact: string): boolean {
  let remainder = 0;
  for (const char of compact.slice(4) + compact.slice(0, 4)) {
    const code = char.charCodeAt(0);
    const value = code <= 57 ? code - 48 : code - 55;
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/**
 * UTF-16 [start, end) ranges of the text not read as numbers, sorted by start: UUIDs, and for the
 * guards dates and valid IBANs too (the log redactor masks those when in doubt).
 */
function idRanges(text: string, reading: CardNumberReading): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const pattern of reading === 'guard' ? [UUID_IN_TEXT, DATE_IN_TEXT] : [UUID_IN_TEXT]) {
    for (const match of text.matchAll(pattern))
      ranges.push([match.index, match.index + match[0].length]);
  }
  for (const match of reading === 'guard' ? text.matchAll(IBAN_START) : []) {
    const length = IBAN_LENGTHS[match[0].slice(0, 2).toUpperCase()];
    if (!length) continue;
    // The IBAN ends where it has its country's number of characters, at the end of a group.
    let compact = '';
    let index = match.index;
    while (index < text.length && compact.length < length) {
      const char = text[index]!.toUpperCase();
      if (IBAN_CHARACTER.test(char)) compact += char;
      else if (!/[ -]/.test(char) || !IBAN_CHARACTER.test((text[index + 1] ?? '').toUpperCase()))
        break;
      index += 1;
    }
    const next = text.codePointAt(index);
    if (
      compact.length === length &&
      (next === undefined || classify(next) === SEPARATOR) &&
      ibanChecksumValid(compact)
    ) {
      ranges.push([match.index, index]);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * The digits of a text (each one's value, its UTF-16 start and end, and whether it starts a group:
 * the first digit of a run, or one after a separator) and its runs: digits read as one number,
 * [from, to) indexes into those arrays, with whether the run is written like an international
 * phone number (a `+` right before its first digit). Typed arrays: a megabyte of digits is read
 * in a few milliseconds.
 */
interface Digits {
  values: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  groupStarts: Uint8Array;
  runs: Array<{ from: number; to: number; afterPlus: boolean }>;
}

/** E.164: an international phone number has at most 15 digits. */
const MAX_PHONE_DIGITS = 15;

/** Most text: ASCII only, with fewer than 13 digits in all. Nothing to read. */
function fewerAsciiDigitsThanACard(text: string): boolean {
  let digits = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 128) return false;
    if (code >= 48 && code <= 57 && ++digits >= MIN_PAN_DIGITS) return false;
  }
  return true;
}

/** The digits, and the runs of at least 13 of them (each at most MAX_SEPARATOR_RUN separators from the next). */
function readDigits(text: string, reading: CardNumberReading): Digits {
  if (fewerAsciiDigitsThanACard(text)) {
    return {
      values: new Uint8Array(0),
      starts: new Int32Array(0),
      ends: new Int32Array(0),
      groupStarts: new Uint8Array(0),
      runs: [],
    };
  }
  const values = new Uint8Array(text.length);
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  const groupStarts = new Uint8Array(text.length);
  const runs: Digits['runs'] = [];
  const ids = idRanges(text, reading);
  let count = 0;
  let runFrom = 0;
  let afterPlus = false;
  let gap = 0;
  const endRun = () => {
    if (count - runFrom >= MIN_PAN_DIGITS) runs.push({ from: runFrom, to: count, afterPlus });
    runFrom = count;
    gap = 0;
  };
  let id = 0;
  for (let index = 0; index < text.length;) {
    const codePoint = text.codePointAt(index)!;
    const width = codePoint > 0xffff ? 2 : 1;
    while (id < ids.length && ids[id]![1] <= index) id += 1;
    const inId = id < ids.length && ids[id]![0] <= index;
    const value = inId ? OTHER_ALPHANUMERIC : classify(codePoint);
    if (value >= 0) {
      if (gap > MAX_SEPARATOR_RUN) endRun();
      if (count === runFrom) afterPlus = text[index - 1] === '+';
      values[count] = value;
      starts[count] = index;
      ends[count] = index + width;
      groupStarts[count] = count === runFrom || gap > 0 ? 1 : 0;
      count += 1;
      gap = 0;
    } else if (value === OTHER_ALPHANUMERIC) {
      endRun();
    } else if (count > runFrom) {
      gap += 1;
    }
    index += width;
  }
  endRun();
  return { values, starts, ends, groupStarts, runs };
}

/**
 * How widely text is read for card numbers.
 *
 * `guard` (the input guards, which refuse): the 13–19 digit windows that start where a group of
 * the run starts and end where one ends, so a card number written as its own number is found
 * however it is grouped and whatever surrounds it (`order 1234 4242 4242 4242 4242`), plus every
 * window inside a group of more than 19 digits in a row (`order 12344242424242424242`); UUIDs,
 * dates and valid IBANs are not read, and a run written like an international phone number
 * (`+49 151 12345678`: a `+` right before it, at most 15 digits) is a phone number. Every window
 * of a 16-digit booking reference would be 10 chances of 1 in 10 to pass Luhn by accident (65 %
 * of them refused); grouped, it is one chance, and a non-Luhn one is never refused.
 *
 * `log` (the log redactor, which masks and so errs on masking): every window of every run; only
 * UUIDs are not read (a log must keep its ids).
 */
export type CardNumberReading = 'guard' | 'log';

/**
 * The digits of a run covered by its possible windows that start with 1–9 and pass Luhn, as
 * [first window's start, last window's end) digit indexes, or undefined when there is none
 * (`firstOnly`: the first window found). Two prefix sums, one per doubling parity, make each
 * window O(1): a megabyte of digits costs 7 subtractions per digit.
 */
function cardWindowBounds(
  digits: Digits,
  run: Digits['runs'][number],
  reading: CardNumberReading,
  firstOnly: boolean,
): [number, number] | undefined {
  if (reading === 'guard' && run.afterPlus && run.to - run.from <= MAX_PHONE_DIGITS)
    return undefined;
  const { values, groupStarts } = digits;
  const { from, to } = run;
  const n = to - from;
  // evenPlain[i]: the sum over j < i of (j even ? digit : doubled digit); oddPlain the other way round.
  const evenPlain = new Int32Array(n + 1);
  const oddPlain = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) {
    const digit = values[from + j]!;
    const doubled = digit > 4 ? digit * 2 - 9 : digit * 2;
    evenPlain[j + 1] = evenPlain[j]! + (j % 2 === 0 ? digit : doubled);
    oddPlain[j + 1] = oddPlain[j]! + (j % 2 === 0 ? doubled : digit);
  }
  // For `guard`: where the group of each digit starts and ends (run-relative).
  const groupFrom = new Int32Array(n);
  const groupTo = new Int32Array(n);
  if (reading === 'guard') {
    for (let j = 0; j < n; j++) groupFrom[j] = groupStarts[from + j] ? j : groupFrom[j - 1]!;
    for (let j = n - 1; j >= 0; j--)
      groupTo[j] = j === n - 1 || groupStarts[from + j + 1] ? j + 1 : groupTo[j + 1]!;
  }
  let bounds: [number, number] | undefined;
  for (let start = 0; start + MIN_PAN_DIGITS <= n; start++) {
    if (values[from + start] === 0) continue;
    for (let length = MIN_PAN_DIGITS; length <= MAX_PAN_DIGITS && start + length <= n; length++) {
      const end = start + length;
      // The window's last digit is never doubled: its parity picks the prefix sum.
      const sums = (end - 1) % 2 === 0 ? evenPlain : oddPlain;
      if ((sums[end]! - sums[start]!) % 10 !== 0) continue;
      if (reading === 'guard') {
        const aligned = groupFrom[start] === start && groupTo[end - 1] === end;
        const inLongGroup =
          groupFrom[start] === groupFrom[end - 1] &&
          groupTo[start]! - groupFrom[start]! > MAX_PAN_DIGITS;
        if (!aligned && !inLongGroup) continue;
      }
      if (firstOnly) return [start, end];
      bounds = bounds ? [bounds[0], Math.max(bounds[1], end)] : [start, end];
    }
  }
  return bounds;
}

/**
 * Where the text holds a card number: UTF-16 [start, end) ranges, per digit run from the first
 * digit of its first Luhn-valid window to the last digit of its last one (the run's other digits
 * and the separators around stay outside). In order, never overlapping. The log redactor masks
 * these (read the `log` way by default).
 */
export function cardNumberRanges(
  text: string,
  reading: CardNumberReading = 'log',
): Array<[number, number]> {
  const digits = readDigits(text, reading);
  const ranges: Array<[number, number]> = [];
  for (const run of digits.runs) {
    const bounds = cardWindowBounds(digits, run, reading, false);
    if (bounds)
      ranges.push([digits.starts[run.from + bounds[0]]!, digits.ends[run.from + bounds[1] - 1]!]);
  }
  return ranges;
}

/** A full card number typed into the wrong field, in any notation (see above; read the `guard` way). */
export function looksLikeCardNumber(text: string): boolean {
  if (typeof text !== 'string') return false;
  const digits = readDigits(text, 'guard');
  return digits.runs.some((run) => cardWindowBounds(digits, run, 'guard', true) !== undefined);
}

const GAP = '[^\\p{L}\\p{N}]{0,4}';
const CVV_SOURCE =
  '(?<![\\p{L}\\p{N}])' +
  '(?:cvv2?|cvc2?|csc|cid|cvn|security[^\\p{L}\\p{N}]{0,3}code|card[^\\p{L}\\p{N}]{0,3}verification(?:[^\\p{L}\\p{N}]{0,3}(?:value|code|number))?)' +
  `(?:${GAP}(?:is|code|number|num|nr|no|was))?(?:${GAP}(?:is|was))?${GAP}` +
  '\\p{Nd}(?:[^\\p{L}\\p{N}]?\\p{Nd}){2,3}(?![^\\p{L}\\p{N}]?\\p{Nd})';

/** A security code after its name; global, for `replace` (the log redactor masks these). */
export const CVV_PHRASE = new RegExp(CVV_SOURCE, 'giu');
const CVV_PHRASE_TEST = new RegExp(CVV_SOURCE, 'iu');

/** A card's security code written after its name (`cvv 123`, `CVC2: 0123`, `security code is 123`). */
export function looksLikeCvv(text: string): boolean {
  return typeof text === 'string' && CVV_PHRASE_TEST.test(text);
}

/** A full card number or a security code: what `freeText` and every server-side guard refuse. */
export function containsCardData(text: string): boolean {
  return looksLikeCardNumber(text) || looksLikeCvv(text);
}

// ---- Other guards -----------------------------------------------------------------------------------

/** Control characters other than tab and line breaks: invisible, and PostgreSQL cannot store NUL. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

/** Free text staff type (notes, references): never card data, never control characters. */
export function freeText(max: number, label: string) {
  return z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters`)
    .refine((value) => !containsCardData(value), CARD_DATA_REFUSED)
    .refine(
      (value) => !hasControlCharacters(value),
      `${label} contains invisible control characters; type it again`,
    );
}

export const optionalFreeText = (max: number, label: string) =>
  freeText(max, label)
    .optional()
    .transform((value) => (value ? value : undefined));

/**
 * At most the first 6 and last 4 digits, the rest masked with `*` (or x, •), 12–19 characters.
 * Anything with more digits may be a real card number and is refused without being echoed.
 */
const OBFUSCATED_NUMBER = /^(\d{0,6})[*xX•]+(\d{0,4})$/;

export const OBFUSCATED_NUMBER_MESSAGE =
  'Enter the number as printed on the terminal receipt: at most the first 6 and last 4 digits, the rest as * (e.g. 411111******1111). Never the full card number.';

export function isObfuscatedCardNumber(value: string): boolean {
  const compact = value.replace(/[\s-]/g, '');
  return compact.length >= 12 && compact.length <= 19 && OBFUSCATED_NUMBER.test(compact);
}
