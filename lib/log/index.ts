import 'server-only';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { getConfig } from '@/lib/config';
import { maskCardNumbers, redactSensitive } from './redact';

/**
 * The app's logger: JSON lines in production (for a log shipper), readable lines in development.
 * Every bound object and message passes through `redactSensitive`, so a token, a password or a
 * card number never reaches the log whatever a caller hands it.
 */
function createLogger(): Logger {
  const config = getConfig();
  const options: pino.LoggerOptions = {
    level: config.logLevel,
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

  const streams: pino.StreamEntry[] = [{ stream: consoleStream(config.nodeEnv) }];
  if (config.logFile) {
    mkdirSync(path.dirname(config.logFile), { recursive: true });
    streams.push({ stream: pino.destination({ dest: config.logFile, append: true, sync: false }) });
  }
  return pino(options, pino.multistream(streams));
}

function consoleStream(nodeEnv: string): pino.DestinationStream {
  if (nodeEnv === 'development') {
    try {
      // pino-pretty is a development dependency; production keeps JSON lines.
      const require = createRequire(import.meta.url);
      const pretty = require('pino-pretty') as (opts: object) => pino.DestinationStream;
      return pretty({ colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,app' });
    } catch {
      // fall through to JSON
    }
  }
  return pino.destination(1);
}

const globalForLogger = globalThis as unknown as { mewsCheckoutLogger?: Logger };
export const logger: Logger = (globalForLogger.mewsCheckoutLogger ??= createLogger());
