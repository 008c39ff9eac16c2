import type { PaymentErrorCode } from './errors';

/** What every server action and API handler returns: data, or an error the UI can show. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: { code: PaymentErrorCode; message: string; fieldErrors?: Record<string, string[]> };
    };
