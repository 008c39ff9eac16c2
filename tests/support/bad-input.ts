import fc from 'fast-check';
import { TEST_CARDS } from '@/sandbox/test-cards';

/**
 * fast-check arbitraries for bad input: wrong types, oversized and junk strings, and per kind of
 * field a value that field must refuse. Every "invalid" arbitrary is filtered by an independent
 * description of what the field accepts (not by the app's own schema), so a schema that is too
 * lenient shows up as a write or a success, not as a skipped case.
 */

export const ONE_MB = 1024 * 1024;
/** Built once: a megabyte of text in three shapes (plain, digits, astral-plane characters). */
export const HUGE_STRINGS: readonly string[] = [
  'a'.repeat(ONE_MB),
  '7'.repeat(ONE_MB),
  '𝔘'.repeat(ONE_MB / 4),
  ' '.repeat(ONE_MB),
];

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const oversized = fc.constantFrom(...HUGE_STRINGS);

/**
 * Oversized for a URL (query value, path segment): 64 KB. A real server refuses request lines much
 * longer than that before any handler runs (Node's limit is 16 KB of headers), and percent-encoding
 * a megabyte of text per run would only slow the suite down.
 */
export const oversizedForUrl = fc.constantFrom(
  'a'.repeat(65_536),
  '7'.repeat(65_536),
  '𝔘'.repeat(16_384),
  ' '.repeat(65_536),
);

/** Things that are not strings: numbers (NaN, ±Infinity, -0, huge), booleans, null, arrays, objects. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 1, maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), {
    minKeys: 1,
    maxKeys: 3,
  }),
);

export const CONTROL_STRINGS = [
  '\u0000',
  'ab\u0000cd',
  'x\u0007y',
  '\u001b[31mred\u001b[0m',
  'a\u0008b',
];
export const NASTY_STRINGS = [
  "' OR 1=1 --",
  "'; drop table payment_attempts; --",
  '%',
  '_',
  '\\',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\uFEFF',
  '\u202Eevil',
  '\uD800',
  '\uDFFF\uD800',
  'ÿ',
  '🏨💳',
  '__proto__',
  'constructor',
  'toString',
  'null',
  'undefined',
  'NaN',
];

/** Unicode junk: any code point (lone surrogates included), graphemes, controls, injection-looking text. */
export const junkString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 20 }),
  fc.constantFrom(...CONTROL_STRINGS, ...NASTY_STRINGS),
);

/** Junk that can travel in an HTTP header (Latin-1 without control characters). */
export const headerJunk: fc.Arbitrary<string> = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((code) => code !== 0x7f)
    .map((code) => String.fromCharCode(code)),
  maxLength: 60,
});

/** Any bad value for a string field that also fails `accepts` (an independent description of the field). */
export function badString(
  accepts: (value: string) => boolean,
  extra: string[] = [],
): fc.Arbitrary<unknown> {
  return fc.oneof(
    wrongType,
    oversized,
    fc.oneof(junkString, fc.constantFrom('', ' ', ...extra)).filter((value) => !accepts(value)),
  );
}

export const badUuid = badString(
  (value) => UUID.test(value),
  [
    '-'.repeat(36),
    '00000000-0000-0000-0000-00000000000g',
    'ffffffff-ffff-ffff-ffff-ffffffffffff0',
    '{6f1f2c1e-8b43-4bd5-9a4a-0c7b1c1f0e11}',
  ],
);

/** What a decimal amount field accepts (EUR/GBP, 2 decimals). */
export function acceptsAmountText(value: string): boolean {
  const normalized = value
    .trim()
    .replace(/[\s_']/g, '')
    .replace(',', '.');
  const match = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(normalized);
  return Boolean(match) && Number(normalized) > 0;
}
export const badAmountText = badString(acceptsAmountText, [
  '0',
  '0.00',
  '-5',
  '-0.01',
  '1e3',
  'NaN',
  'Infinity',
  '0x10',
  '1.234',
  '١٢٣',
  '½',
  '12.5.6',
  '9999999999999',
  '1,2,3',
]);

export const badCurrency = badString(
  (value) => /^\s*[A-Za-z]{3}\s*$/.test(value),
  ['EURO', 'E', '€', '123', 'ZZ'],
).filter((value) => typeof value !== 'string' || !/^\s*[A-Za-z]{3}\s*$/.test(value));

/** Free text with a length limit (and a minimum after trimming): too long, too short, controls. */
export function badFreeText(max: number, min = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    wrongType,
    oversized,
    fc.constant('x'.repeat(max + 1)),
    fc.constantFrom(...CONTROL_STRINGS.map((text) => `${'n'.repeat(Math.max(min, 1))}${text}`)),
    ...(min > 0 ? [fc.constantFrom('', '   ', '\t\n', 'x'.repeat(min - 1))] : []),
  );
}

export function badEnum(values: readonly string[]): fc.Arbitrary<unknown> {
  return badString(
    (value) => values.includes(value),
    values.map((value) => ` ${value.toUpperCase()}x`),
  );
}

/** A number field that takes whole numbers in [min, max] (`coerce`: strings and booleans are read as numbers). */
export function badWholeNumber(min: number, max: number, coerce = false): fc.Arbitrary<unknown> {
  const accepts = (value: unknown) => {
    if (typeof value !== 'number' && !coerce) return false;
    let n: number;
    try {
      n = Number(value);
    } catch {
      return false;
    }
    return Number.isInteger(n) && n >= min && n <= max;
  };
  return fc
    .oneof(
      wrongType,
      oversized,
      junkString,
      fc.constantFrom(
        min - 1,
        max + 1,
        -1,
        0,
        1.5,
        Number.NaN,
        Infinity,
        -Infinity,
        1e21,
        `${max + 1}`,
        'ten',
      ),
    )
    .filter((value) => !accepts(value));
}

export const badLiteralTrue = fc
  .oneof(wrongType, junkString, fc.constantFrom(false, 'true', 1, 'yes', 'on'))
  .filter((value) => value !== true);

export const badBoolean = fc
  .oneof(wrongType, junkString, fc.constantFrom('true', 'false', 1, 0))
  .filter((value) => typeof value !== 'boolean');

/** A string or a wrong type, for fields whose only rule is "a string of at most `max`". */
export function badBoundedString(max: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    wrongType.filter((value) => typeof value !== 'string'),
    oversized,
    fc.constant('x'.repeat(max + 1)),
  );
}

// ---- Card numbers -----------------------------------------------------------------------------

/** Every Luhn-valid test card number the sandbox knows. */
export const TEST_PANS: readonly string[] = TEST_CARDS.map((card) => card.pan);

function grouped(pan: string, separator: string): string {
  return pan.length === 15
    ? `${pan.slice(0, 4)}${separator}${pan.slice(4, 10)}${separator}${pan.slice(10)}`
    : (pan.match(/.{1,4}/g) ?? [pan]).join(separator);
}

/**
 * One card number in the shapes people type (or paste) it: bare, spaced, dashed, inside a sentence,
 * and in notations the guards once let through: dots, underscores, slashes with the security code
 * after it, and a no-break space, a unicode dash and a line break between groups.
 */
export function panVariants(pan: string): string[] {
  return [
    pan,
    grouped(pan, ' '),
    grouped(pan, '-'),
    `Card ${grouped(pan, ' ')} exp 12/30, thanks`,
    grouped(pan, '.'),
    grouped(pan, '_'),
    `${grouped(pan, '/')} cvv 123`,
    grouped(pan, '\u00a0\u2013\n'),
  ];
}

/** A pattern finding `pan` in any notation: up to 3 characters other than letters and digits between its digits. */
export function panPattern(pan: string): RegExp {
  return new RegExp(pan.split('').join('[^\\p{L}\\p{N}]{0,3}'), 'u');
}

export const panArbitrary: fc.Arbitrary<string> = fc
  .constantFrom(...TEST_PANS)
  .chain((pan) => fc.constantFrom(...panVariants(pan)));
