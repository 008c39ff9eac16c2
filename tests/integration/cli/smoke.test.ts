import { spawn } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSmoke, SMOKE_CUSTOMER, type SmokeOptions, type SmokeRow } from '@/lib/cli/smoke-run';
import { SANDBOX_TOKENS, SEED, startTestSandbox, type TestSandbox } from '@/tests/support/sandbox';

/**
 * `npm run smoke` against the offline sandbox (CI's run of it): the table's rows, what counts as a
 * failure, and that a second run finds the smoke customer instead of adding another.
 */

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.stop();
});
beforeEach(async () => {
  await sandbox.control.reset();
});

async function smoke(overrides: Partial<SmokeOptions> = {}) {
  const printed: string[] = [];
  const report = await runSmoke({
    platformUrl: sandbox.url,
    clientToken: SANDBOX_TOKENS.clientToken,
    accessToken: SANDBOX_TOKENS.gross,
    print: (line) => printed.push(line),
    ...overrides,
  });
  return { ...report, printed };
}

const row = (rows: SmokeRow[], step: string, operation?: string) =>
  rows.find((r) => r.step === step && (!operation || r.operation === operation));

describe('npm run smoke against the sandbox', () => {
  it('runs every flow on the London enterprise and prints the table; iDEAL refused with 403 is "not available", not a failure', async () => {
    const { ok, rows, printed } = await smoke();

    expect(ok).toBe(true);
    expect(row(rows, 'configuration')).toMatchObject({ status: 200, result: 'ok' });
    expect(row(rows, 'configuration')?.answer).toMatch(
      /^Sandbox Hotel London \(Gross pricing\); gross pricing; currencies GBP \(default\)/,
    );
    expect(row(rows, 'configuration')?.answer).toMatch(/card storage on \(PublicKey/);
    expect(row(rows, 'add customer')).toMatchObject({ status: 200, result: 'ok' });
    expect(row(rows, 'external payment')).toMatchObject({ status: 200, result: 'ok' });
    expect(row(rows, 'external payment')?.answer).toMatch(/^recorded Cash 0.01 GBP /);
    expect(row(rows, 'iDEAL payment')).toMatchObject({ status: 403, result: 'not available' });
    expect(row(rows, 'iDEAL payment')?.answer).toMatch(/^iDEAL not available for this property/);
    expect(row(rows, 'read back')).toMatchObject({ status: 200, result: 'ok' });
    expect(row(rows, 'read back')?.answer).toMatch(/external Charged|external charged/i);
    for (const operation of ['creditCards/addTokenized', 'creditCards/charge', 'payments/refund'])
      expect(row(rows, 'permission', operation)).toMatchObject({ result: 'ok' });

    // The table: a header, a rule, one line per row, then the verdict.
    expect(printed[0]).toMatch(
      /^Step\s+\| Operation\s+\| HTTP \| What Mews answered \/ request id\s+\| Result$/,
    );
    expect(
      printed.some((line) => /^external payment\s+\| payments\/addExternal\s+\| 200 /.test(line)),
    ).toBe(true);
    expect(printed.at(-1)).toBe(`Smoke run against ${sandbox.url} passed.`);
  });

  it('finds the smoke customer by e-mail on the next run instead of adding a second one', async () => {
    await smoke();
    const second = await smoke();
    expect(row(second.rows, 'find customer')?.answer).toContain(`found ${SMOKE_CUSTOMER.email}`);
    expect(row(second.rows, 'add customer')).toBeUndefined();
    expect(await sandbox.control.requests('customers/add')).toHaveLength(1);
  });

  it('starts iDEAL on the Dutch enterprise and prints its NextAction URL', async () => {
    const { ok, rows, printed, idealRedirectUrl } = await smoke({
      accessToken: SANDBOX_TOKENS.dutch,
    });
    expect(ok).toBe(true);
    expect(row(rows, 'iDEAL payment')).toMatchObject({ status: 200, result: 'ok' });
    expect(idealRedirectUrl).toMatch(/^http/);
    expect(row(rows, 'read back')?.answer).toMatch(/iDEAL pending/i);
    expect(printed.at(-1)).toBe(`iDEAL bank page (NextAction): ${idealRedirectUrl}`);
  });

  it('reports card operations the connection may not use as denied, without failing the run', async () => {
    const { ok, rows } = await smoke({ accessToken: SANDBOX_TOKENS.noCardPermission });
    expect(ok).toBe(true);
    expect(row(rows, 'permission', 'creditCards/addTokenized')).toMatchObject({
      status: 401,
      result: 'denied',
    });
    expect(row(rows, 'permission', 'creditCards/charge')).toMatchObject({ result: 'denied' });
    expect(row(rows, 'permission', 'payments/addExternal')).toMatchObject({ result: 'ok' });
  });

  it('fails (exit code 1) with a portfolio token and no enterprise id, and passes with one', async () => {
    const without = await smoke({ accessToken: SANDBOX_TOKENS.portfolio });
    expect(without.ok).toBe(false);
    expect(row(without.rows, 'portfolio')).toMatchObject({ result: 'FAILED', required: true });
    expect(row(without.rows, 'find customer')?.result).toBe('skipped');

    const withId = await smoke({
      accessToken: SANDBOX_TOKENS.portfolio,
      enterpriseId: SEED.enterprises.dutch.id,
    });
    expect(withId.ok).toBe(true);
    expect(row(withId.rows, 'configuration')?.answer).toMatch(/Sandbox Hotel Amsterdam/);
  });

  it('fails on tokens Mews refuses, with the status and request id in the table', async () => {
    const { ok, rows, printed } = await smoke({ accessToken: 'WRONG-ACCESS-TOKEN' });
    expect(ok).toBe(false);
    expect(row(rows, 'configuration')).toMatchObject({ status: 401, result: 'FAILED' });
    expect(row(rows, 'configuration')?.requestId).toMatch(/^[\w-]+$/);
    expect(printed.at(-1)).toMatch(/FAILED: configuration/);
  });
});

/** `npm run smoke -- …` itself: the command CI and hotels run. */
function runCli(args: string[], env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'lib/cli/smoke.ts', ...args],
      {
        cwd: process.cwd(),
        env: {
          ...process.env,
          MEWS_PLATFORM_URL: undefined,
          MEWS_ACCESS_TOKEN: undefined,
          MEWS_CLIENT_TOKEN: undefined,
          ...env,
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the smoke command line', () => {
  it('prints the table and exits 0 against the sandbox with the public demo tokens', async () => {
    const { code, stdout } = await runCli(['--platform', sandbox.url]);
    expect(stdout).toMatch(/^configuration\s+\| configuration\/get\s+\| 200 /m);
    expect(stdout).toContain(`Smoke run against ${sandbox.url} passed.`);
    expect(code).toBe(0);
  }, 60_000);

  it('exits 1 when a step that must work fails, and 2 without tokens for a platform that is not demo', async () => {
    const refused = await runCli(['--platform', sandbox.url, '--access-token', 'WRONG-TOKEN']);
    expect(refused.stdout).toMatch(/FAILED: configuration/);
    expect(refused.code).toBe(1);
    const usage = await runCli(['--platform', 'https://mews-gateway.hotel.example']);
    expect(usage.stderr).toMatch(
      /--client-token and --access-token .* are required for https:\/\/mews-gateway\.hotel\.example/,
    );
    expect(usage.code).toBe(2);
  }, 60_000);
});
