import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/**
 * Layering. Dependencies point one way: app → components → lib/payments → lib/mews, lib/db,
 * lib/card-capture; the sandbox and the tests sit outside the app. Each restriction below names
 * the zones (folders) it applies to; every file belongs to exactly one zone and gets ONE
 * `no-restricted-imports` with the union of the restrictions of its zone (in flat config a later
 * object's `no-restricted-imports` replaces an earlier one for the same file, so the rule is
 * generated per zone from this table rather than written per restriction).
 * tests/unit/architecture/layering.test.ts holds a violation of each kind to the rule.
 */
const ZONES = {
  app: ['app/**'],
  components: ['components/**'],
  'lib/mews': ['lib/mews/**'],
  'lib/mail': ['lib/mail/**'],
  'lib/db': ['lib/db/**'],
  'lib/server': ['lib/server/**'],
  'lib/auth': ['lib/auth/**'],
  'lib/payments/ledger': ['lib/payments/ledger/**'],
  sandbox: ['sandbox/**'],
  tests: ['tests/**'],
};
/** Every file in none of the zones above: the rest of lib/ (lib/payments included), proxy.ts, configs... */
const ELSEWHERE = 'elsewhere';

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An import specifier that reaches `dir` (a folder from the repository root): by the `@/` alias or
 * by a relative path that climbs to it ('../lib/mews', and '../mews' from inside lib/). With `deep`,
 * only modules inside the folder, not its index. A relative path is matched by its text, not
 * resolved against the importing file, which is as far as this rule can go.
 */
function reaching(dir, { deep = false } = {}) {
  const heads = [`(?:@/|(?:\\.\\./)+)${escapeRegExp(dir)}`];
  if (dir.startsWith('lib/')) heads.push(`(?:\\.\\./)+${escapeRegExp(dir.slice('lib/'.length))}`);
  return `^(?:${heads.join('|')})${deep ? '/.' : '(?:/|$)'}`;
}

const restrict = (dirs, message, options) =>
  dirs.map((dir) => ({ regex: reaching(dir, options), message }));

/** The attempt writes of lib/db/payment-attempts: only the ledger moves an attempt. */
const ATTEMPT_WRITES = [
  'createPaymentAttempt',
  'openCardAttemptOnLink',
  'recordAttemptMewsPaymentId',
  'transitionPaymentAttempt',
];
const ATTEMPT_WRITES_MESSAGE =
  'Payment attempts are written only by lib/payments/ledger (recorded before anything is sent, moved only along the allowed transitions).';

/** `from`: the zones a restriction applies to; `allBut`: every zone except these. */
const LAYERING = [
  {
    from: ['app'],
    patterns: [
      ...restrict(
        ['lib/mews'],
        'Use the app-shaped functions exported from lib/payments or @/lib/mews.',
        { deep: true },
      ),
      ...restrict(['lib/db'], 'Go through lib/payments for persistence.', { deep: true }),
    ],
  },
  {
    // Type imports included: components take their types from lib/payments.
    from: ['components'],
    patterns: [
      ...restrict(
        ['lib/mews'],
        'Components know no Connector API shapes: take the functions and types from lib/payments.',
      ),
      ...restrict(
        ['lib/db'],
        'Components go through lib/payments for persistence, types included.',
      ),
      ...restrict(
        ['app'],
        'Components never import from app/: move what they share (a server action, say) into lib/.',
      ),
    ],
  },
  {
    allBut: ['sandbox', 'tests'],
    patterns: restrict(
      ['sandbox'],
      'The sandbox is a stand-in for Mews, not part of the app: only sandbox/ and tests/ import it.',
    ),
  },
  {
    from: ['sandbox'],
    patterns: restrict(
      ['tests'],
      'The sandbox runs without the tests (npm start): share code through lib/, never tests/.',
    ),
  },
  {
    from: ['lib/mews'],
    patterns: restrict(
      ['lib/payments', 'lib/db', 'lib/server', 'lib/auth'],
      'lib/mews only knows the Connector API: no payments, persistence, request context or staff.',
    ),
  },
  {
    allBut: ['lib/mail', 'tests'],
    paths: [
      {
        name: 'nodemailer',
        message: 'Only lib/mail talks SMTP: queue an e-mail through lib/payments/email instead.',
      },
    ],
  },
  {
    allBut: ['sandbox', 'tests'],
    paths: ['smtp-server', 'mailparser'].map((name) => ({
      name,
      message: 'The mail catcher is the sandbox’s: the app only sends, through lib/mail.',
    })),
  },
  {
    from: ['components'],
    patterns: restrict(
      ['lib/mail'],
      'Components never send e-mail: use the actions of lib/payments/email.',
    ),
  },
  {
    from: ['lib/mail'],
    patterns: restrict(
      ['lib/payments', 'lib/db', 'lib/server', 'lib/auth', 'lib/mews'],
      'lib/mail only knows SMTP: what to send and when is decided in lib/payments/email.',
    ),
  },
  {
    from: ['lib/db'],
    patterns: restrict(
      ['lib/payments', 'lib/server', 'lib/auth'],
      'lib/db only holds repositories: whatever it needs from above comes in as a parameter.',
    ),
  },
  {
    from: ['lib/server', 'lib/auth'],
    patterns: restrict(['lib/payments'], 'lib/server and lib/auth sit below lib/payments.'),
  },
  {
    allBut: ['lib/payments/ledger', 'lib/db', 'tests'],
    paths: [
      {
        name: '@/lib/db/payment-attempts',
        importNames: ATTEMPT_WRITES,
        message: ATTEMPT_WRITES_MESSAGE,
      },
    ],
    patterns: [
      {
        regex: '^(?:\\.\\./)+(?:lib/)?db/payment-attempts$',
        importNames: ATTEMPT_WRITES,
        message: ATTEMPT_WRITES_MESSAGE,
      },
    ],
  },
];

function layeringRule(zone) {
  const applying = LAYERING.filter((r) =>
    r.from ? r.from.includes(zone) : !r.allBut.includes(zone),
  );
  const paths = applying.flatMap((r) => r.paths ?? []);
  const patterns = applying.flatMap((r) => r.patterns ?? []);
  if (paths.length === 0 && patterns.length === 0) return { 'no-restricted-imports': 'off' };
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

const layering = [
  {
    name: `layering/${ELSEWHERE}`,
    ignores: Object.values(ZONES).flat(),
    rules: layeringRule(ELSEWHERE),
  },
  ...Object.entries(ZONES).map(([zone, files]) => ({
    name: `layering/${zone}`,
    files,
    rules: layeringRule(zone),
  })),
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Command-line tools and the sandbox talk to a terminal.
    files: ['lib/cli/**', 'lib/mews/spec/**', 'sandbox/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  ...layering,
  globalIgnores([
    '.next/**',
    '.next-*/**',
    'node_modules/**',
    '.data/**',
    'coverage/**',
    'test-results/**',
    'playwright-report/**',
    'next-env.d.ts',
    'lib/mews/generated/**',
    'sandbox/secure-fields/**/*.js',
  ]),
]);
