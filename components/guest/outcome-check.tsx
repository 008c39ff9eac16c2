'use client';

import { useEffect, useRef, useState } from 'react';
import { useGuestTranslations } from '@/lib/i18n/guest-messages';
import styles from './guest.module.css';
import { WaitingNotice } from './waiting-notice';

/** However far the guest's clock is off, the check never reads longer than we promise. */
const MAX_SHOWN_SECONDS = 120;

/**
 * What a guest reads while the answer about their payment was lost and the server reads Mews back
 * (lib/payments/reconciliation/outcome-check.ts): how long the check takes at most, a countdown to
 * `checkUntil`, and what happens after (the receipt, or paying again when nothing was charged).
 * When the countdown runs out the page asks for the status once more, so the release shows at once.
 */
export function OutcomeCheck(props: { checkUntil: string; onCountdownEnd: () => void }) {
  const t = useGuestTranslations('outcomeCheck');
  const seconds = useSecondsUntil(props.checkUntil);
  const ended = seconds === 0;

  const { onCountdownEnd } = props;
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (!ended || asked.current === props.checkUntil) return;
    asked.current = props.checkUntil;
    onCountdownEnd();
  }, [ended, props.checkUntil, onCountdownEnd]);

  return (
    <WaitingNotice headingId="outcome-check-heading" testId="outcome-check" title={t('title')}>
      <p>{t('body')}</p>
      {/* Announced only when it says something new, not every second. */}
      <p data-testid="outcome-check-countdown" aria-live={ended ? 'polite' : 'off'}>
        {seconds === null ? null : ended ? t('lastCheck') : t('countdown', { seconds })}
      </p>
      <p className={styles.strong}>{t('doNotPayAgain')}</p>
      <p className={styles.muted}>{t('after')}</p>
    </WaitingNotice>
  );
}

/**
 * Whole seconds left until `until`, ticking each second; `null` on the server and in the first
 * render in the browser, so the two renders never disagree over the clock.
 */
function useSecondsUntil(until: string): number | null {
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    const end = Date.parse(until);
    const tick = () => {
      const left = Number.isFinite(end) ? Math.ceil((end - Date.now()) / 1000) : 0;
      setSeconds(Math.min(Math.max(left, 0), MAX_SHOWN_SECONDS));
      return left > 0;
    };
    if (!tick()) return;
    const timer = window.setInterval(() => {
      if (!tick()) window.clearInterval(timer);
    }, 1_000);
    return () => window.clearInterval(timer);
  }, [until]);
  return seconds;
}
