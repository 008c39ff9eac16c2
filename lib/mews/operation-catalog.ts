/**
 * The Connector API operations this client uses, with what the retry policy and the transport
 * need to know about each. It is also the list the type generator prunes the official spec to, so
 * adding an operation here is the first step of using a new one.
 */

/** `read` operations have no side effects; `write` operations change data in Mews. */
export type MewsOperationKind = 'read' | 'write';

export interface MewsOperationInfo {
  readonly kind: MewsOperationKind;
  /** How long one attempt may take, headers and body included. */
  readonly timeoutMs: number;
}

export const MEWS_OPERATIONS = {
  'configuration/get': { kind: 'read', timeoutMs: 10_000 },
  'customers/getAll': { kind: 'read', timeoutMs: 15_000 },
  'customers/add': { kind: 'write', timeoutMs: 20_000 },
  'creditCards/getAll': { kind: 'read', timeoutMs: 15_000 },
  'creditCards/addTokenized': { kind: 'write', timeoutMs: 30_000 },
  // A charge goes through the card gateway (and its acquirer), which is slower than the PMS itself.
  'creditCards/charge': { kind: 'write', timeoutMs: 40_000 },
  'payments/addCreditCard': { kind: 'write', timeoutMs: 20_000 },
  'payments/addExternal': { kind: 'write', timeoutMs: 20_000 },
  'payments/addAlternative': { kind: 'write', timeoutMs: 30_000 },
  'payments/getAll': { kind: 'read', timeoutMs: 15_000 },
  'payments/refund': { kind: 'write', timeoutMs: 40_000 },
  'reservations/getAll/2023-06-06': { kind: 'read', timeoutMs: 15_000 },
  // The room of a reservation (`AssignedResourceId` → `Name`) and what it costs (order items).
  'resources/getAll': { kind: 'read', timeoutMs: 15_000 },
  'orderItems/getAll': { kind: 'read', timeoutMs: 15_000 },
  // Mews Payments Checkout: the request the embedded checkout pays, and the holds it may place.
  'paymentRequests/add': { kind: 'write', timeoutMs: 20_000 },
  'paymentRequests/getAll': { kind: 'read', timeoutMs: 15_000 },
  'paymentRequests/cancel': { kind: 'write', timeoutMs: 20_000 },
  'preauthorizations/getAllByCustomers': { kind: 'read', timeoutMs: 15_000 },
} as const satisfies Record<string, MewsOperationInfo>;

export type MewsOperationName = keyof typeof MEWS_OPERATIONS;

export const MEWS_OPERATION_NAMES = Object.keys(MEWS_OPERATIONS) as MewsOperationName[];

/** The path of an operation under the platform address; exact case, no trailing slash (else 404). */
export function operationPath(operation: MewsOperationName): string {
  return `/api/connector/v1/${operation}`;
}

export function operationKind(operation: MewsOperationName): MewsOperationKind {
  return MEWS_OPERATIONS[operation].kind;
}
