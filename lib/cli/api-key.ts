/**
 * npm run apikey:create -- --name <integration>   creates a key and prints it once
 * npm run apikey:revoke -- --name <integration>   revokes it at once
 * npm run apikey:list                             lists keys (prefix, created, last used, revoked)
 */
import { parseArgs } from 'node:util';
import { createApiKey, listApiKeys, revokeApiKey } from '@/lib/payments/links/api-keys';
import { getPaymentContext } from '@/lib/server/context';
import { runCommand, UsageError } from './run-command';

await runCommand(async () => {
  const { positionals, values } = parseArgs({
    options: { name: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const command = positionals[0];
  const ctx = await getPaymentContext();
  switch (command) {
    case 'create': {
      if (!values.name) throw new UsageError('Usage: npm run apikey:create -- --name <integration name>');
      const { key, record } = await createApiKey(ctx, values.name);
      console.log(`API key "${record.name}" created. It is shown only now; store it in the integration's secrets:`);
      console.log(key);
      return;
    }
    case 'revoke': {
      if (!values.name) throw new UsageError('Usage: npm run apikey:revoke -- --name <integration name>');
      const revoked = await revokeApiKey(ctx, values.name);
      console.log(`API key "${revoked.name}" (${revoked.prefix}…) revoked.`);
      return;
    }
    case 'list': {
      const keys = await listApiKeys(ctx.db);
      if (keys.length === 0) console.log('No API keys.');
      for (const key of keys) {
        console.log(
          `${key.name}\t${key.prefix}…\tcreated ${key.createdAt.toISOString()}\tlast used ${key.lastUsedAt?.toISOString() ?? 'never'}\t${key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active'}`,
        );
      }
      return;
    }
    default:
      throw new UsageError('Usage: npm run apikey:create|apikey:revoke -- --name <name>, or npm run apikey:list');
  }
});
