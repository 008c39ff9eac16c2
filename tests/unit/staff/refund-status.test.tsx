import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RefundStatus } from '@/components/staff/refund-status';
import type { PaymentRow } from '@/lib/payments/back-office/payments';

const refundRow = (state: PaymentRow['state'], amountMinor = 2_500) =>
  ({ id: `refund-${state}`, state, amountMinor, currency: 'GBP' }) as const;

function render(element: React.ReactElement): string {
  return renderToStaticMarkup(element).replace(/<[^>]+>/g, ' ');
}

describe('RefundStatus: what staff read about a refund', () => {
  it('a pending refund is not shown as money returned', () => {
    const text = render(
      <RefundStatus
        payment={{ method: 'refund', state: 'pending', amountMinor: 2_500, currency: 'GBP' }}
        refunds={[]}
      />,
    );
    expect(text).toContain('Refund pending at the card gateway; it can still fail.');
    expect(text).toContain('The guest has not got the money yet');
  });

  it('a failed refund says the guest was not refunded', () => {
    const text = render(
      <RefundStatus
        payment={{ method: 'refund', state: 'failed', amountMinor: 2_500, currency: 'GBP' }}
        refunds={[]}
      />,
    );
    expect(text).toContain('Refund failed — the guest was not refunded.');
    expect(text).toContain('can be refunded again');
  });

  it('on the refunded payment: each pending and failed refund, nothing for settled ones', () => {
    const text = render(
      <RefundStatus
        payment={{ method: 'card', state: 'succeeded', amountMinor: 10_000, currency: 'GBP' }}
        refunds={[refundRow('pending'), refundRow('failed', 1_000), refundRow('succeeded', 500)]}
      />,
    );
    expect(text).toContain('Refund pending at the card gateway; it can still fail.');
    expect(text).toContain('already counts against what can still be refunded');
    expect(text).toContain('Refund failed — the guest was not refunded.');
    expect(text).not.toContain(' 5.00 GBP');
    expect(
      renderToStaticMarkup(
        <RefundStatus
          payment={{ method: 'card', state: 'succeeded', amountMinor: 10_000, currency: 'GBP' }}
          refunds={[refundRow('succeeded')]}
        />,
      ),
    ).toBe('');
  });
});
