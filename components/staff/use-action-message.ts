'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/server/action-result';
import { handleSessionLoss } from './fetch-staff';

/**
 * For a one-click staff action whose answer is a sentence (reconcile now, release a payment): runs
 * it (a lost session goes to sign-in), shows the refusal or `describe`'s summary, and on success reloads the staff data and the
 * page, since the action changed what the page shows.
 */
export function useActionMessage<T>(
  action: () => Promise<ActionResult<T>>,
  describe: (data: T) => string,
) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const router = useRouter();
  const run = () =>
    startTransition(async () => {
      const result = handleSessionLoss(await action());
      if (!result.ok) {
        setMessage(result.error.message);
        return;
      }
      setMessage(describe(result.data));
      await queryClient.invalidateQueries({ queryKey: ['staff'] });
      router.refresh();
    });
  return { pending, message, run };
}
