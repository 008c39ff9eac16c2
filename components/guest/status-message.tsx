import type { ReactNode } from 'react';
import styles from './guest.module.css';

/** A page that explains a state (expired, canceled, not found) in one heading and a few lines. */
export function StatusMessage(props: {
  tone: 'info' | 'warning' | 'error' | 'success';
  eyebrow?: string;
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  const icon = { info: 'i', warning: '!', error: '!', success: '✓' }[props.tone];
  return (
    <section
      className={styles.statusCard}
      aria-labelledby="status-heading"
      data-testid={props.testId}
    >
      <span className={`${styles.statusIcon} ${styles[`tone_${props.tone}`]}`} aria-hidden="true">
        {icon}
      </span>
      {props.eyebrow ? <p className={styles.eyebrow}>{props.eyebrow}</p> : null}
      <h1 id="status-heading" className={styles.statusTitle}>
        {props.title}
      </h1>
      <div className={styles.statusBody}>{props.children}</div>
    </section>
  );
}
