'use client';

import {
  createContext,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useState,
  type ReactNode,
} from 'react';

type ShowReceipt = (receipt: ReactNode, title?: string) => void;

const ShowReceiptContext = createContext<ShowReceipt | null>(null);

/**
 * The payable pay page (summary and payment panel), replaced by the receipt the payment's own
 * answer carried (app/pay/[token]/pay-by-card-action): no second request for the page. The URL
 * stays the link's; reloading it renders the same receipt on the server.
 */
export function PayPageBody({ children }: { children: ReactNode }) {
  const [paid, setPaid] = useState<{ receipt: ReactNode; title?: string } | null>(null);

  const show = useCallback<ShowReceipt>((receipt, title) => {
    // In a transition: the form stays on screen until the receipt's own code has loaded.
    startTransition(() => setPaid({ receipt, title }));
  }, []);

  useEffect(() => {
    if (!paid) return;
    if (paid.title) document.title = paid.title;
    // The form the guest was in is gone: a screen reader continues from the receipt's heading.
    const heading = document.getElementById('receipt-heading');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }, [paid]);

  if (paid) return <>{paid.receipt}</>;
  return <ShowReceiptContext.Provider value={show}>{children}</ShowReceiptContext.Provider>;
}

/** Shows a receipt in place of the page; null outside a PayPageBody (then refresh the page). */
export function useShowReceipt(): ShowReceipt | null {
  return useContext(ShowReceiptContext);
}
