'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import styles from './staff.module.css';

/**
 * A modal question of the back office, shown while `open`: the native dialog, so focus stays
 * inside and Escape closes it (calling `onClose`), which a hand-made overlay gets wrong.
 */
export function StaffDialog({
  open,
  onClose,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className={styles.dialog} aria-labelledby={headingId} onClose={onClose}>
      <h3 id={headingId} style={{ marginTop: 0 }}>
        {title}
      </h3>
      {open ? children : null}
    </dialog>
  );
}
