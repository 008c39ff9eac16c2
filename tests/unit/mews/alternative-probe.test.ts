/**
 * The iDEAL availability probe (lib/mews/operations/alternative-probe.ts): one spec-valid
 * `payments/addAlternative` for a customer that does not exist, sorted by what Mews answers.
 */
import { describe, expect, it } from 'vitest';
import { SpecValidator } from '@/sandbox/spec-validator';
import { wireConfiguration } from './fixtures';
import { errorResponse, jsonResponse, testClient } from './support';

const REDIRECT = 'https://checkout.example.com/staff/settings';

function probeWith(answer: Response, configuration = wireConfiguration()) {
  const test = testClient({
    'configuration/get': [jsonResponse(configuration)],
    'payments/addAlternative': [answer],
  });
  return {
    ...test,
    run: () => test.client.probeAlternativeMethod({ method: 'ideal', redirectUrl: REDIRECT }),
  };
}

describe('probeAlternativeMethod', () => {
  it('sends one spec-valid request for a made-up customer, a cent in euros, our redirect URL', async () => {
    const { run, scripted } = probeWith(errorResponse(400, 'Invalid CustomerId.'));
    await run();
    expect(scripted.count('payments/addAlternative')).toBe(1);
    const body = scripted.requests.find((r) => r.operation === 'payments/addAlternative')?.body;
    expect(body).toMatchObject({
      Amount: { Currency: 'EUR', GrossValue: 0.01, TaxCodes: [] },
      Data: { Discriminator: 'Ideal', Ideal: { RedirectUrl: REDIRECT } },
    });
    expect(body?.CustomerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body).not.toHaveProperty('ReservationId');
    expect(new SpecValidator().validateRequest('payments/addAlternative', body).valid).toBe(true);
  });

  it('a fresh customer id every time, so no real customer is ever charged', async () => {
    const first = probeWith(errorResponse(400, 'Invalid CustomerId.'));
    const second = probeWith(errorResponse(400, 'Invalid CustomerId.'));
    await first.run();
    await second.run();
    const idOf = (t: typeof first) =>
      t.scripted.requests.find((r) => r.operation === 'payments/addAlternative')?.body.CustomerId;
    expect(idOf(first)).not.toBe(idOf(second));
  });

  it('400 about the customer: iDEAL is available (Mews got past the method check)', async () => {
    await expect(probeWith(errorResponse(400, 'Invalid CustomerId.')).run()).resolves.toMatchObject(
      { verdict: 'available', status: 400 },
    );
  });

  it("403: refused, with Mews' own message", async () => {
    const message =
      'The alternative payment method Ideal is not enabled for Sandbox Hotel London (Gross pricing).';
    await expect(probeWith(errorResponse(403, message)).run()).resolves.toEqual({
      verdict: 'refused',
      status: 403,
      mewsMessage: message,
      detail: message,
    });
  });

  it('401: the connection has no permission for the operation', async () => {
    await expect(
      probeWith(errorResponse(401, 'No permission to use this operation.')).run(),
    ).resolves.toMatchObject({ verdict: 'no-permission', status: 401 });
  });

  it('a 500 tells nothing: unknown, never an answer either way', async () => {
    await expect(probeWith(errorResponse(500, 'Server error')).run()).resolves.toMatchObject({
      verdict: 'unknown',
    });
  });

  it('refuses without a request when the hotel does not take euros', async () => {
    const configuration = wireConfiguration();
    configuration.Enterprise.Currencies = configuration.Enterprise.Currencies.filter(
      (currency: { Currency: string }) => currency.Currency !== 'EUR',
    );
    const { run, scripted } = probeWith(errorResponse(400, 'unused'), configuration);
    await expect(run()).resolves.toMatchObject({ verdict: 'refused', status: null });
    expect(scripted.count('payments/addAlternative')).toBe(0);
  });
});
