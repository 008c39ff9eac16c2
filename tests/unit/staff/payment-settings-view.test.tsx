import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { PaymentSettingsView } from '@/components/staff/payment-settings-view';
import type { PaymentMethodSettingsOverview } from '@/lib/payments/installation/alternative-methods';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined }) }));
vi.mock('@/lib/payments/back-office/actions', () => ({ setIdealEnabledAction: vi.fn() }));

const REFUSAL =
  'The alternative payment method Ideal is not enabled for Sandbox Hotel London (Gross pricing).';

function render(ideal: Partial<PaymentMethodSettingsOverview['ideal']>, euroAccepted = true) {
  const html = renderToStaticMarkup(
    <PaymentSettingsView
      overview={{
        hotelName: 'Sandbox Hotel London',
        euroAccepted,
        ideal: {
          enabled: false,
          refusedAt: null,
          refusalMessage: null,
          changedAt: null,
          changedBy: null,
          confirmedAt: null,
          ...ideal,
        },
      }}
    />,
  );
  return html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
}

describe('the payment methods page: why iDEAL is off, and a way to try again', () => {
  it('a fresh installation: off, with a button to turn it on', () => {
    const html = render({});
    expect(html).toMatch(/<strong>Off<\/strong>/);
    expect(html).toContain('Turn iDEAL on');
    expect(html).not.toContain('data-testid="ideal-refusal"');
  });

  it("after Mews refused it: when, Mews' own words, and 'Try again'", () => {
    const html = render({ refusedAt: '2026-12-03T09:30:00.000Z', refusalMessage: REFUSAL });
    expect(html).toContain('data-testid="ideal-refusal"');
    expect(html).toContain(REFUSAL);
    expect(html).toContain('Try again');
  });

  it('on, not yet confirmed: says that Mews confirms it with the first real payment', () => {
    const html = render({ enabled: true, changedAt: '2026-12-03T09:30:00.000Z' });
    expect(html).toMatch(/<strong>On<\/strong>/);
    expect(html).toContain('it confirms it with the first real iDEAL payment');
    expect(html).toContain('Turn iDEAL off');
  });

  it('says when the hotel does not take euros', () => {
    expect(render({}, false)).toContain('does not accept euros in Mews');
  });
});
