import { containsCardNumber, redactCardNumbers } from './test-cards';

/**
 * Every Connector API call the sandbox received, so tests can assert what the app did ("exactly
 * one charge", "no card number was ever sent"). Tokens are shortened and any card number is
 * masked before an entry is stored; `cardNumberDetected` records that one was there.
 */

export interface RequestLogEntry {
  requestId: string;
  atUtc: string;
  operation: string;
  status: number;
  /** The injected fault, if one decided the outcome. */
  fault: string | null;
  /** Last 6 characters of the AccessToken, enough to tell enterprises apart. */
  accessToken: string | null;
  client: string | null;
  request: unknown;
  response: unknown;
  cardNumberDetected: boolean;
}

const MAX_ENTRIES = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(
    entry: Omit<
      RequestLogEntry,
      'request' | 'response' | 'cardNumberDetected' | 'accessToken' | 'client'
    > & { rawBody: string; response: unknown },
  ): RequestLogEntry {
    const { rawBody, response, ...rest } = entry;
    const cardNumberDetected = containsCardNumber(rawBody);
    let request: unknown = null;
    let accessToken: string | null = null;
    let client: string | null = null;
    try {
      const parsed = JSON.parse(redactCardNumbers(rawBody)) as Record<string, unknown>;
      if (parsed && typeof parsed === 'object') {
        accessToken = typeof parsed.AccessToken === 'string' ? parsed.AccessToken.slice(-6) : null;
        client = typeof parsed.Client === 'string' ? parsed.Client : null;
        delete parsed.AccessToken;
        delete parsed.ClientToken;
      }
      request = parsed;
    } catch {
      request = redactCardNumbers(rawBody).slice(0, 2000);
    }
    const stored: RequestLogEntry = {
      ...rest,
      accessToken,
      client,
      request,
      response,
      cardNumberDetected,
    };
    this.entries.push(stored);
    if (this.entries.length > MAX_ENTRIES)
      this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return stored;
  }

  list(operation?: string): RequestLogEntry[] {
    return operation ? this.entries.filter((e) => e.operation === operation) : [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
