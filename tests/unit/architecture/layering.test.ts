import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of eslint.config.mjs (`no-restricted-imports`, generated per folder) report a
 * violation of each kind and leave the allowed imports alone. Small code strings are linted at
 * virtual paths with the project's own config; `npm run lint` holds the real tree to the same rules.
 */

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../../..') });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

const ATTEMPT_WRITE =
  "import { transitionPaymentAttempt } from '@/lib/db/payment-attempts';\nvoid transitionPaymentAttempt;\n";

/** What each restriction's message says, so a case proves the restriction it is about fired. */
const BY = {
  mews: 'Connector API',
  componentsDb: 'Components go through lib/payments',
  componentsApp: 'never import from app/',
  appMews: 'app-shaped functions',
  sandbox: 'only sandbox/ and tests/ import it',
  tests: 'never tests/',
  mewsBelow: 'lib/mews only knows',
  dbBelow: 'lib/db only holds repositories',
  belowPayments: 'sit below lib/payments',
  ledger: 'written only by lib/payments/ledger',
  smtp: 'Only lib/mail talks SMTP',
  catcher: 'The mail catcher is the sandbox',
  componentsMail: 'Components never send e-mail',
  mailBelow: 'lib/mail only knows SMTP',
};

const refused: Array<[string, string, string, string]> = [
  // [what, virtual file, code, what the message says]
  [
    'a component imports the lib/mews index',
    'components/x.tsx',
    "import { getMewsClient } from '@/lib/mews';\nvoid getMewsClient;\n",
    BY.mews,
  ],
  [
    'a component imports inside lib/mews',
    'components/guest/x.tsx',
    "import { toMoney } from '@/lib/mews/money';\nvoid toMoney;\n",
    BY.mews,
  ],
  [
    'a component imports a type from lib/mews',
    'components/x.tsx',
    "import type { Money } from '@/lib/mews/money';\nexport type M = Money;\n",
    BY.mews,
  ],
  [
    'a component imports a type from lib/db',
    'components/staff/x.tsx',
    "import type { PaymentLink } from '@/lib/db/schema';\nexport type L = PaymentLink;\n",
    BY.componentsDb,
  ],
  [
    'a component imports lib/db by a relative path',
    'components/staff/x.tsx',
    "import { getDb } from '../../lib/db';\nvoid getDb;\n",
    BY.componentsDb,
  ],
  [
    'a component imports from app/',
    'components/x.tsx',
    "import { GET } from '@/app/api/health/route';\nvoid GET;\n",
    BY.componentsApp,
  ],
  [
    'a component imports from app/ by a relative path',
    'components/guest/x.tsx',
    "import Page from '../../app/page';\nvoid Page;\n",
    BY.componentsApp,
  ],
  [
    'the app imports inside lib/mews',
    'app/x.ts',
    "import { toMoney } from '@/lib/mews/money';\nvoid toMoney;\n",
    BY.appMews,
  ],
  [
    'the app imports the sandbox',
    'app/x.ts',
    "import { SEED } from '@/sandbox/seed';\nvoid SEED;\n",
    BY.sandbox,
  ],
  [
    'lib/payments imports the sandbox by a relative path',
    'lib/payments/links/x.ts',
    "import { SEED } from '../../../sandbox/seed';\nvoid SEED;\n",
    BY.sandbox,
  ],
  [
    'proxy.ts imports the sandbox',
    'proxy.ts',
    "import { SEED } from '@/sandbox/seed';\nvoid SEED;\n",
    BY.sandbox,
  ],
  [
    'the sandbox imports the tests',
    'sandbox/x.ts',
    "import { startSandbox } from '../tests/support/sandbox';\nvoid startSandbox;\n",
    BY.tests,
  ],
  [
    'the sandbox imports the tests by the alias',
    'sandbox/connector/x.ts',
    "import { startSandbox } from '@/tests/support/sandbox';\nvoid startSandbox;\n",
    BY.tests,
  ],
  [
    'lib/mews imports lib/db',
    'lib/mews/x.ts',
    "import { getDb } from '@/lib/db';\nvoid getDb;\n",
    BY.mewsBelow,
  ],
  [
    'lib/mews imports lib/db by a relative path',
    'lib/mews/operations/x.ts',
    "import { getDb } from '../../db';\nvoid getDb;\n",
    BY.mewsBelow,
  ],
  [
    'lib/mews imports lib/payments',
    'lib/mews/x.ts',
    "import { x } from '@/lib/payments/ledger/ledger';\nvoid x;\n",
    BY.mewsBelow,
  ],
  [
    'lib/mews imports lib/server',
    'lib/mews/x.ts',
    "import { x } from '../server/context';\nvoid x;\n",
    BY.mewsBelow,
  ],
  [
    'lib/mews imports lib/auth',
    'lib/mews/x.ts',
    "import { x } from '@/lib/auth';\nvoid x;\n",
    BY.mewsBelow,
  ],
  [
    'lib/db imports lib/payments',
    'lib/db/x.ts',
    "import { x } from '@/lib/payments/ledger/state-machine';\nvoid x;\n",
    BY.dbBelow,
  ],
  [
    'lib/db imports lib/server',
    'lib/db/x.ts',
    "import { x } from '@/lib/server/context';\nvoid x;\n",
    BY.dbBelow,
  ],
  [
    'lib/db imports lib/auth',
    'lib/db/x.ts',
    "import { x } from '../auth/roles';\nvoid x;\n",
    BY.dbBelow,
  ],
  [
    'lib/server imports lib/payments',
    'lib/server/x.ts',
    "import { x } from '@/lib/payments/guest/actions';\nvoid x;\n",
    BY.belowPayments,
  ],
  [
    'lib/auth imports lib/payments',
    'lib/auth/x.ts',
    "import { x } from '@/lib/payments/staff/actions';\nvoid x;\n",
    BY.belowPayments,
  ],
  ['lib/payments/guest writes an attempt', 'lib/payments/guest/x.ts', ATTEMPT_WRITE, BY.ledger],
  [
    'the app writes an attempt',
    'app/api/x/route.ts',
    "import { createPaymentAttempt } from '@/lib/db/payment-attempts';\nvoid createPaymentAttempt;\n",
    BY.ledger,
  ],
  [
    'lib/payments/reconciliation writes an attempt by a relative path',
    'lib/payments/reconciliation/x.ts',
    "import { recordAttemptMewsPaymentId } from '../../db/payment-attempts';\nvoid recordAttemptMewsPaymentId;\n",
    BY.ledger,
  ],
  [
    'lib/auth writes an attempt',
    'lib/auth/x.ts',
    "import { openCardAttemptOnLink } from '@/lib/db/payment-attempts';\nvoid openCardAttemptOnLink;\n",
    BY.ledger,
  ],
];

refused.push(
  [
    'lib/payments imports nodemailer',
    'lib/payments/email/x.ts',
    "import nodemailer from 'nodemailer';\nvoid nodemailer;\n",
    BY.smtp,
  ],
  [
    'the app imports the sandbox mail parser',
    'lib/payments/email/x.ts',
    "import { simpleParser } from 'mailparser';\nvoid simpleParser;\n",
    BY.catcher,
  ],
  [
    'a component imports lib/mail',
    'components/staff/x.tsx',
    "import { sendMessage } from '@/lib/mail';\nvoid sendMessage;\n",
    BY.componentsMail,
  ],
  [
    'lib/mail imports lib/db',
    'lib/mail/x.ts',
    "import { getDb } from '@/lib/db';\nvoid getDb;\n",
    BY.mailBelow,
  ],
);

const allowed: Array<[string, string, string]> = [
  [
    'lib/mail imports nodemailer',
    'lib/mail/x.ts',
    "import nodemailer from 'nodemailer';\nvoid nodemailer;\n",
  ],
  [
    'the sandbox imports smtp-server',
    'sandbox/mail/x.ts',
    "import { SMTPServer } from 'smtp-server';\nvoid SMTPServer;\n",
  ],
  ['the ledger writes an attempt', 'lib/payments/ledger/x.ts', ATTEMPT_WRITE],
  [
    'lib/db uses its own attempt writes',
    'lib/db/x.ts',
    "import { transitionPaymentAttempt } from './payment-attempts';\nvoid transitionPaymentAttempt;\n",
  ],
  ['a test writes an attempt', 'tests/integration/x.test.ts', ATTEMPT_WRITE],
  [
    'lib/payments/guest reads an attempt',
    'lib/payments/guest/x.ts',
    "import { findPaymentAttempt } from '@/lib/db/payment-attempts';\nvoid findPaymentAttempt;\n",
  ],
  [
    'lib/payments/links takes an attempt type',
    'lib/payments/links/x.ts',
    "import type { GuestCardAttemptInput } from '@/lib/db/payment-attempts';\nexport type I = GuestCardAttemptInput;\n",
  ],
  [
    'a component imports lib/payments',
    'components/x.tsx',
    "import { x } from '@/lib/payments/guest/actions';\nvoid x;\n",
  ],
  [
    'a component imports lib/i18n',
    'components/guest/x.tsx',
    "import { chooseGuestLocaleAction } from '@/lib/i18n/actions';\nvoid chooseGuestLocaleAction;\n",
  ],
  [
    'the app imports the lib/mews index',
    'app/x.ts',
    "import { getMewsClient } from '@/lib/mews';\nvoid getMewsClient;\n",
  ],
  [
    'lib/payments imports lib/mews and lib/db',
    'lib/payments/cards/x.ts',
    "import { getDb } from '@/lib/db';\nimport { x } from '@/lib/mews';\nvoid getDb;\nvoid x;\n",
  ],
  [
    'lib/mews imports within itself',
    'lib/mews/operations/x.ts',
    "import { x } from './payments';\nimport { y } from '../money';\nvoid x;\nvoid y;\n",
  ],
  [
    'lib/server imports lib/db and lib/mews',
    'lib/server/x.ts',
    "import { getDb } from '@/lib/db';\nimport { x } from '@/lib/mews';\nvoid getDb;\nvoid x;\n",
  ],
  [
    'the sandbox imports lib/cli',
    'sandbox/x.ts',
    "import { chromiumLaunchOptions } from '../lib/cli/chromium';\nvoid chromiumLaunchOptions;\n",
  ],
  [
    'a test imports the sandbox',
    'tests/unit/x.test.ts',
    "import { SEED } from '@/sandbox/seed';\nvoid SEED;\n",
  ],
];

describe('layering rules (eslint.config.mjs)', () => {
  it.each(refused)('reports: %s', async (_what, filePath, code, says) => {
    expect(await restrictedImports(filePath, code)).toContainEqual(expect.stringContaining(says));
  });

  it.each(allowed)('allows: %s', async (_what, filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
