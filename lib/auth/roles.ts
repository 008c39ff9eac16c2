import type { StaffRole } from '@/lib/db/schema';

export type { StaffRole };

/** A manager may do everything front-desk staff may, and more. */
export function roleAllows(role: StaffRole, required: StaffRole): boolean {
  return required === 'frontdesk' || role === 'manager';
}

export const ROLE_LABEL: Record<StaffRole, string> = {
  frontdesk: 'Front desk',
  manager: 'Manager',
};
