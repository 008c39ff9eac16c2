import { payLinkLeastPossible } from './least-payment-actions';

/**
 * Bench only (see least-payment-actions.ts): a page under the pay page's path that references the
 * least-payment action, so Next.js builds the action into this route and dispatches it through
 * the same proxy, layout and action handling as the real pay action.
 */
export const dynamic = 'force-dynamic';

export default function LeastPaymentPage() {
  return <form action={payLinkLeastPossible as unknown as () => Promise<void>} hidden />;
}
