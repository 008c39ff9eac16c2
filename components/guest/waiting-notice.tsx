import type { ReactNode } from 'react';
import styles from './guest.module.css';

/**
 * The frame of the notices a guest reads while a payment has no final answer yet (confirming,
 * verifying, outcome check): an info box titled by its heading, with a spinner while the page is
 * still waiting. What each says, and what is announced to screen readers, stays with its caller.
 */
export function WaitingNotice(props: {
  headingId: string;
  testId: string;
  title: ReactNode;
  spinner?: boolean;
  children: ReactNode;
}) {
  return (
    <section
      className={`${styles.notice} ${styles.noticeInfo}`}
      aria-labelledby={props.headingId}
      data-testid={props.testId}
    >
      <h2 id={props.headingId} className={styles.noticeTitle}>
        {props.spinner === false ? null : <span className={styles.spinner} aria-hidden="true" />}
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}
