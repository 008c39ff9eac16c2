import 'server-only';
import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import { maskCardNumbers, redactSensitive } from './redact';

/**
 * The app's logger: JSON lines in production (for a log shipper), readable lines in development.
 * Every bound object and message passes through `redactSensitive`, so a token, a password or a
 * card number never reaches the log whatever a caller hands it.
 */
function createLogger(): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'mews-checkout' },
    formatters: {
      log: (object) => redactSensitive(object) as Record<string, unknown>,
      bindings: (bindings) => redactSensitive(bindings) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? maskCardNumbers(arg) : arg));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  if (process.env.NODE_ENV === 'development' && process.env.LOG_FORMAT !== 'json') {
    try {
      // pino-pretty is a development dependency; production keeps JSON lines.
      const require = createRequire(import.meta.url);
      const pretty = require('pino-pretty') as (opts: object) => NodeJS.WritableStream;
      return pino(options, pretty({ colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,app' }));
    } catch {
      return pino(options);
    }
  }
  return pino(options);
}

const globalForLogger = globalThis as unknown as { mewsCheckoutLogger?: Logger };
export const logger: Logger = (globalForLogger.mewsCheckoutLogger ??= createLogger());
