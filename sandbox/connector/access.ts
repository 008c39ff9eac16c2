import type { AccessGrant, SeedEnterprise } from '../seed';
import type { SandboxStore } from '../state';
import type { OperationName } from '../spec-validator';
import { invalid, str, type ActingEnterprise, type Body } from './context';

/**
 * Which enterprise an operation acts for, and whether the token may use it at all. Mews answers a
 * missing permission with 401 (reference §1.4: "or no permission for the endpoint";
 * `creditCards/addTokenized` needs a permission granted at certification, §2.2).
 */

export const NO_PERMISSION_MESSAGE = 'No permission to use this operation.';

export function isOperationDenied(grant: AccessGrant, operation: OperationName): boolean {
  return grant.deniedOperations.includes(operation);
}

/** Operations whose request takes `EnterpriseId` ("required when using Portfolio Access Tokens"). */
const TAKES_ENTERPRISE_ID: ReadonlySet<OperationName> = new Set<OperationName>([
  'creditCards/addTokenized',
  'payments/addExternal',
  'payments/refund',
  'paymentRequests/add',
]);

/** Operations without `EnterpriseId` that act in the enterprise of the customer they name. */
const ACTS_FOR_CUSTOMER: ReadonlySet<OperationName> = new Set<OperationName>([
  'payments/addAlternative',
  'payments/addCreditCard',
]);

const REQUIRED_WITH_PORTFOLIO = 'Required when using a portfolio access token.';

/**
 * The enterprise `operation` acts for under `grant`. A single-enterprise token always acts for its
 * enterprise (a foreign `EnterpriseId` stays the handler's `400`). A portfolio token acts for the
 * `EnterpriseId` it names, for the enterprise of the card or customer where the operation takes no
 * `EnterpriseId`, and for its placeholder enterprise on reads (whose handlers cover the whole scope).
 */
export function actingEnterprise(
  operation: OperationName,
  body: Body,
  grant: AccessGrant,
  store: SandboxStore,
): ActingEnterprise {
  const portfolio = grant.portfolio;
  const [single] = grant.enterprises;
  if (portfolio === null) {
    if (!single) throw new Error('An access grant without an enterprise');
    return single;
  }
  const byId = (id: string | null): SeedEnterprise | undefined =>
    grant.enterprises.find((e) => e.id === id);
  const byChain = (chainId: unknown): SeedEnterprise | undefined =>
    grant.enterprises.find((e) => e.chainId === chainId);

  if (operation === 'configuration/get') {
    const enterpriseId = str(body, 'EnterpriseId');
    if (enterpriseId === null || enterpriseId === portfolio.id) return portfolio;
    const enterprise = byId(enterpriseId);
    if (!enterprise) throw invalid('EnterpriseId');
    return enterprise;
  }
  if (TAKES_ENTERPRISE_ID.has(operation)) {
    const enterpriseId = str(body, 'EnterpriseId');
    if (enterpriseId === null) throw invalid('EnterpriseId', REQUIRED_WITH_PORTFOLIO);
    const enterprise = byId(enterpriseId);
    if (!enterprise) throw invalid('EnterpriseId');
    return enterprise;
  }
  if (operation === 'customers/add') {
    const chainId = str(body, 'ChainId');
    if (chainId === null) throw invalid('ChainId', REQUIRED_WITH_PORTFOLIO);
    const enterprise = byChain(chainId);
    if (!enterprise) throw invalid('ChainId');
    return enterprise;
  }
  if (operation === 'creditCards/charge') {
    const cardId = str(body, 'CreditCardId');
    const card = store.state.creditCards.find((r) => r.card.Id === cardId)?.card;
    const enterprise = card && byId(card.EnterpriseId);
    if (!enterprise) throw invalid('CreditCardId');
    return enterprise;
  }
  if (ACTS_FOR_CUSTOMER.has(operation)) {
    const customerId = str(body, 'CustomerId');
    const customer = store.state.customers.find((c) => c.Id === customerId);
    const enterprise = customer && byChain(customer.ChainId);
    if (!enterprise) throw invalid('CustomerId');
    return enterprise;
  }
  return portfolio;
}
