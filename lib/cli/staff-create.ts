/**
 * `npm run staff:create -- --email ana@hotel.example --role manager [--name "Ana"] [--password …]`
 * Creates a staff user. Without --password (and without --sso-only) the password is asked for on
 * the terminal, hidden, so it does not land in the shell history.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function askHidden(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    // Piped in (e.g. from a secret manager): the first line is the password.
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  process.stdout.write(prompt);
  return new Promise((resolve) => {
    let value = '';
    process.stdin.setRawMode(true);
    process.stdin.resume();
    process.stdin.setEncoding('utf8');
    const onData = (char: string) => {
      if (char === '\r' || char === '\n' || char === '\u0004') {
        process.stdin.setRawMode(false);
        process.stdin.pause();
        process.stdin.off('data', onData);
        process.stdout.write('\n');
        resolve(value);
      } else if (char === '\u0003') {
        process.exit(130);
      } else if (char === '\u007f') {
        value = value.slice(0, -1);
      } else {
        value += char;
      }
    };
    process.stdin.on('data', onData);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      'sso-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.email || !values.role) {
    fail(
      'Usage: npm run staff:create -- --email <email> --role <frontdesk|manager> [--name <name>] [--password <password> | --sso-only]\n' +
        'Without --password you are asked for it (at least 12 characters).',
    );
  }
  const password = values['sso-only']
    ? undefined
    : (values.password ?? (await askHidden('Password (at least 12 characters): ')));

  const { ConfigError, getConfig } = await import('@/lib/config');
  try {
    getConfig();
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }
  const { getDatabaseHandle } = await import('@/lib/db');
  const { logger } = await import('@/lib/log');
  const { createStaffAccount } = await import('@/lib/auth/staff-accounts');
  const { PaymentError } = await import('@/lib/server/errors');
  const { getMewsClient } = await import('@/lib/mews');

  let handle;
  try {
    handle = await getDatabaseHandle();
  } catch (error) {
    fail(`Cannot open the database: ${(error as Error).message}`);
  }
  try {
    const user = await createStaffAccount(
      {
        db: handle.db,
        mews: getMewsClient(),
        appUrl: getConfig().appUrl,
        now: () => new Date(),
        log: logger,
      },
      {
        email: values.email,
        role: values.role as 'frontdesk',
        name: values.name ?? values.email.split('@')[0] ?? values.email,
        password,
      },
      { type: 'system' },
    );
    console.log(
      `Created ${user.role} ${user.email} (${user.id})${user.hasPassword ? '' : ' for single sign-on only'}.`,
    );
  } catch (error) {
    if (error instanceof PaymentError) fail(error.message);
    throw error;
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
