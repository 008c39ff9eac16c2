/**
 * Why a payment was refused over the deposit policy, as the pay page reads it from the action's
 * answer. Shared by the server (./policy) and the browser, so it imports nothing server-only.
 */
export type PolicyProblem = 'policy_not_accepted' | 'policy_changed';

/** The `fieldErrors` key the reason travels under. */
export const POLICY_FIELD = 'policy';

export function policyProblemOf(error: {
  code: string;
  fieldErrors?: Record<string, string[]>;
}): PolicyProblem | null {
  if (error.code !== 'invalid_input') return null;
  const reason = error.fieldErrors?.[POLICY_FIELD]?.[0];
  return reason === 'policy_not_accepted' || reason === 'policy_changed' ? reason : null;
}
