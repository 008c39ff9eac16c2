/**
 * npm run apikey:create -- <integration> [--scopes links:create,links:read,links:cancel]
 *                                                  creates a key and prints it once
 * npm run apikey:revoke -- <integration>           revokes it at once
 * npm run apikey:list                              lists keys (prefix, scopes, created, last used, revoked)
 *
 * The name may also be given as --name <integration>. Scopes: links:create, links:read and
 * links:cancel act on the key's own links; links:read-all extends reading and canceling to every
 * link. Without --scopes a new key gets links:create,links:read,links:cancel.
 */
import { parseArgs } from 'node:util';
import {
  API_KEY_SCOPES,
  createApiKey,
  DEFAULT_API_KEY_SCOPES,
  listApiKeys,
  parseApiKeyScopes,
  revokeApiKey,
} from '@/lib/payments/links/api-keys';
import { getPaymentContext } from '@/lib/server/context';
import { runCommand, UsageError } from './run-command';

const CREATE_USAGE = `Usage: npm run apikey:create -- <integration name> [--scopes ${DEFAULT_API_KEY_SCOPES.join(',')}] (scopes: ${API_KEY_SCOPES.join(', ')})`;

await runCommand(async () => {
  const { positionals, values } = parseArgs({
    options: { name: { type: 'string' }, scopes: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...rest] = positionals;
  const name = values.name ?? (rest.length > 0 ? rest.join(' ') : undefined);
  switch (command) {
    case 'create': {
      if (!name) throw new UsageError(CREATE_USAGE);
      // Checked before anything is opened, so a typo in a scope costs no database start.
      let scopes;
      try {
        scopes =
          values.scopes === undefined ? DEFAULT_API_KEY_SCOPES : parseApiKeyScopes(values.scopes);
      } catch (error) {
        throw new UsageError(`${(error as Error).message}\n${CREATE_USAGE}`);
      }
      const ctx = await getPaymentContext();
      const { key, record } = await createApiKey(ctx, name, scopes);
      console.log(
        `API key "${record.name}" created with scopes ${record.scopes.join(', ')}. It is shown only now; store it in the integration's secrets:`,
      );
      console.log(key);
      return;
    }
    case 'revoke': {
      if (!name) throw new UsageError('Usage: npm run apikey:revoke -- <integration name>');
      const revoked = await revokeApiKey(await getPaymentContext(), name);
      console.log(`API key "${revoked.name}" (${revoked.prefix}…) revoked.`);
      return;
    }
    case 'list': {
      const keys = await listApiKeys((await getPaymentContext()).db);
      if (keys.length === 0) console.log('No API keys.');
      for (const key of keys) {
        console.log(
          `${key.name}\t${key.prefix}…\t${key.scopes.join(',')}\tcreated ${key.createdAt.toISOString()}\tlast used ${key.lastUsedAt?.toISOString() ?? 'never'}\t${key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active'}`,
        );
      }
      return;
    }
    default:
      throw new UsageError(
        `${CREATE_USAGE}\n       npm run apikey:revoke -- <name>, or npm run apikey:list`,
      );
  }
});
