/**
 * npm run link:create -- --customer <id> --amount 125.50 --currency EUR --description "Deposit"
 *   [--reservation <id>] [--expires-in-hours 72] [--purpose deposit|prepayment|balance|other]
 *   [--keep-open-when-sibling-paid] [--allow-duplicate] [--hold]
 * Creates a payment link and prints its URL (shown once: only a hash of its token is stored).
 */
import { parseArgs } from 'node:util';
import { getPaymentContext } from '@/lib/server/context';
import { formatAmount } from '@/lib/money';
import { createPaymentLink } from '@/lib/payments/links/payment-links';
import { parseAmount } from '@/lib/money';
import { runCommand, UsageError } from './run-command';

const USAGE =
  'Usage: npm run link:create -- --customer <Mews customer id> --amount <e.g. 125.50> --currency <e.g. EUR> ' +
  '--description <text> [--reservation <Mews reservation id>] [--expires-in-hours <hours, default 72>] ' +
  '[--purpose <deposit|prepayment|balance|other, default deposit>] [--keep-open-when-sibling-paid] ' +
  '[--allow-duplicate (create although the reservation has an open or paid link for that purpose)] ' +
  '[--hold (ask for a hold on the card, a Mews preauthorization, instead of a payment; needs GUEST_HOLDS=on)]';

await runCommand(async () => {
  const { values } = parseArgs({
    options: {
      customer: { type: 'string' },
      reservation: { type: 'string' },
      amount: { type: 'string' },
      currency: { type: 'string' },
      description: { type: 'string' },
      'expires-in-hours': { type: 'string' },
      purpose: { type: 'string' },
      'keep-open-when-sibling-paid': { type: 'boolean' },
      'allow-duplicate': { type: 'boolean' },
      hold: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.customer || !values.amount || !values.currency || !values.description)
    throw new UsageError(USAGE);
  const currency = values.currency.trim().toUpperCase();
  const amountMinor = parseAmount(values.amount, currency);
  if (amountMinor === undefined)
    throw new UsageError(`--amount must be a positive amount in ${currency}, such as 125.50`);

  const ctx = await getPaymentContext();
  const { link, url } = await createPaymentLink(
    ctx,
    {
      customerId: values.customer,
      reservationId: values.reservation ?? null,
      amountMinor,
      currency,
      description: values.description,
      ...(values['expires-in-hours'] ? { expiresInHours: Number(values['expires-in-hours']) } : {}),
      // Checked by the link schema, which names the allowed purposes.
      ...(values.purpose ? { purpose: values.purpose as 'deposit' } : {}),
      ...(values['keep-open-when-sibling-paid'] ? { keepOpenWhenSiblingPaid: true } : {}),
      ...(values['allow-duplicate'] ? { allowDuplicate: true } : {}),
      ...(values.hold ? { collect: 'hold' as const } : {}),
    },
    { via: 'cli', actor: { type: 'system' } },
  );
  console.log(
    `${link.collect === 'hold' ? 'Hold link' : 'Payment link'} for ${formatAmount(link.amountMinor, link.currency)}, valid until ${link.expiresAt.toISOString()}:`,
  );
  console.log(url);
});
