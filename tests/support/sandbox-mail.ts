/**
 * Test helpers over the sandbox mail catcher's JSON API (`/_sandbox/mail/...`, see
 * sandbox/README.md), for Vitest and Playwright alike: they only need the sandbox's URL.
 *
 *   await clearSandboxMail(sandbox.url);
 *   ...the app sends...
 *   const mail = await waitForSandboxMail(sandbox.url, (m) => m.to.includes('alice.smith@example.com'));
 *   expect(await sandboxMailAcceptedCount(sandbox.url, mail.messageId!)).toBe(1);
 */

export type SandboxMailFaultMode = 'none' | 'refuse' | 'tempfail' | 'down';

export interface SandboxMail {
  id: string;
  /** As sent, angle brackets included; `null` when the message had no Message-ID. */
  messageId: string | null;
  /** The From header, e.g. `Hotel Example <reservations@example-hotel.com>`. */
  from: string;
  /** The envelope recipients, lower-cased. */
  to: string[];
  subject: string;
  /** The Date header, ISO 8601. */
  date: string | null;
  replyTo: string | null;
  text: string | null;
  html: string | null;
  size: number;
  acceptedAt: string;
}

async function call<T>(sandboxUrl: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandboxUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T & { error?: string };
  if (!response.ok)
    throw new Error(
      `Sandbox mail ${method} ${path} failed (${response.status}): ${json.error ?? ''}`,
    );
  return json;
}

/** Every e-mail the catcher holds, oldest first; `to` keeps those with that envelope recipient. */
export async function readSandboxMail(
  sandboxUrl: string,
  options: { to?: string } = {},
): Promise<SandboxMail[]> {
  const query = options.to ? `?to=${encodeURIComponent(options.to)}` : '';
  return (
    await call<{ messages: SandboxMail[] }>(sandboxUrl, 'GET', `/_sandbox/mail/messages${query}`)
  ).messages;
}

/** Empties the inbox and the acceptance log. */
export async function clearSandboxMail(sandboxUrl: string): Promise<void> {
  await call(sandboxUrl, 'DELETE', '/_sandbox/mail/messages');
}

/**
 * `refuse`: 550 to RCPT TO; `tempfail`: 451 at the end of DATA; `down`: the port is closed
 * (connection refused); `none`: back to normal, listening again on the same port.
 */
export async function setSandboxMailFault(
  sandboxUrl: string,
  mode: SandboxMailFaultMode,
): Promise<void> {
  await call(sandboxUrl, 'POST', '/_sandbox/mail/faults', { mode });
}

/** How many times the SMTP server accepted a message with this Message-ID (brackets optional). */
export async function sandboxMailAcceptedCount(
  sandboxUrl: string,
  messageId: string,
): Promise<number> {
  return (
    await call<{ accepted: boolean; count: number }>(
      sandboxUrl,
      'GET',
      `/_sandbox/mail/accepted?messageId=${encodeURIComponent(messageId)}`,
    )
  ).count;
}

/** Resolves with the oldest e-mail matching `predicate` once it has arrived; rejects after `timeoutMs`. */
export async function waitForSandboxMail(
  sandboxUrl: string,
  predicate: (mail: SandboxMail) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<SandboxMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readSandboxMail(sandboxUrl)).find(predicate);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`No matching e-mail arrived in the sandbox within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
