'use client';

import styles from './guest.module.css';

/** The label comes translated from the server-rendered receipt. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      className={`${styles.secondaryButton} ${styles.noPrint}`}
      onClick={() => window.print()}
    >
      {label}
    </button>
  );
}
