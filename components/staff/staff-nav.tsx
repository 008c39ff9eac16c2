'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { signOutAction } from '@/lib/auth/actions';
import { StaffLanguageSelect } from './staff-language-select';
import styles from './staff.module.css';

const LINKS = [
  { href: '/staff', label: 'Dashboard', exact: true },
  { href: '/staff/customers', label: 'Customers' },
  { href: '/staff/payments', label: 'Payments' },
  { href: '/staff/links', label: 'Payment links' },
  { href: '/staff/holds', label: 'Holds' },
  { href: '/staff/reconciliation', label: 'Reconciliation', manager: true },
  { href: '/staff/audit', label: 'Audit log', manager: true },
  { href: '/staff/users', label: 'Staff', manager: true },
  // Exact: /staff/settings/property is its own entry.
  { href: '/staff/settings', label: 'Payment methods', manager: true, exact: true },
  { href: '/staff/settings/property', label: 'Property', manager: true },
];

/**
 * A sidebar on a desktop; on a tablet or a phone a top bar whose "Menu" button opens the links
 * (the CSS decides which, so the server's HTML is right before any script runs). The menu
 * closes when a page is chosen and on Escape.
 */
export function StaffNav({
  name,
  email,
  role,
}: {
  name: string;
  email: string;
  role: 'frontdesk' | 'manager';
}) {
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  // Open on the page it was opened on: navigating elsewhere closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const menuButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpenOn(null);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open]);

  return (
    <nav className={styles.nav} aria-label="Back office">
      <div className={styles.navBar}>
        <p className={styles.navTitle}>Mews Checkout</p>
        <button
          ref={menuButton}
          type="button"
          className={styles.menuButton}
          aria-expanded={open}
          aria-controls="staff-nav-menu"
          onClick={() => setOpenOn(open ? null : pathname)}
        >
          <svg aria-hidden="true" width="18" height="18" viewBox="0 0 18 18">
            <path d="M2 4h14M2 9h14M2 14h14" stroke="currentColor" strokeWidth="2" />
          </svg>
          Menu
        </button>
      </div>
      <div id="staff-nav-menu" className={styles.navMenu} data-open={open}>
        {LINKS.filter((link) => !link.manager || role === 'manager').map((link) => {
          const current = link.exact ? pathname === link.href : pathname.startsWith(link.href);
          return (
            <Link
              key={link.href}
              href={link.href}
              aria-current={current ? 'page' : undefined}
              // The current page's link navigates nowhere, so it closes the menu itself.
              onClick={() => setOpenOn(null)}
            >
              {link.label}
            </Link>
          );
        })}
        <div className={styles.navFooter}>
          <div data-testid="signed-in-as">{name}</div>
          <div className={styles.address}>{email}</div>
          <div>{role === 'manager' ? 'Manager' : 'Front desk'}</div>
          <StaffLanguageSelect />
          <form action={() => startTransition(() => signOutAction())}>
            <button type="submit" className={styles.secondary} disabled={pending}>
              {pending ? 'Signing out…' : 'Sign out'}
            </button>
          </form>
        </div>
      </div>
    </nav>
  );
}
