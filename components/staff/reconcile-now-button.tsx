'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { reconcileNowAction } from '@/lib/payments/reconciliation/actions';
import styles from './staff.module.css';

/** Asks Mews for the truth about every unsettled payment now, instead of at the next scheduled pass. */
export function ReconcileNowButton() {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const router = useRouter();
  return (
    <div>
      <button
        type="button"
        className={styles.secondary}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await reconcileNowAction({});
            if (!result.ok) {
              setMessage(result.error.message);
              return;
            }
            const { ran, checked, settled, errors } = result.data;
            setMessage(
              ran
                ? `Checked ${checked} unsettled payment${checked === 1 ? '' : 's'} with Mews; ${settled} updated${errors > 0 ? `, ${errors} could not be read (tried again automatically)` : ''}.`
                : 'A reconciliation is running right now; its results appear in a moment.',
            );
            await queryClient.invalidateQueries({ queryKey: ['staff'] });
            router.refresh();
          })
        }
      >
        {pending ? 'Checking with Mews…' : 'Reconcile with Mews now'}
      </button>
      <p role="status" aria-live="polite" data-testid="reconcile-result">
        {message}
      </p>
    </div>
  );
}
