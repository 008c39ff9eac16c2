import { randomUUID } from 'node:crypto';
import { customerRecord, SANDBOX_PROFILE_ID } from '../seed-state';
import type { MewsObject } from '../state';
import type { Body, OperationHandler } from './context';
import {
  chainInScope,
  intervalFilter,
  invalid,
  newestFirst,
  obj,
  page,
  refused,
  str,
  strArray,
} from './context';

export const getAllCustomers: OperationHandler = (body, ctx) => {
  const chainIds = strArray(body, 'ChainIds');
  const ids = strArray(body, 'CustomerIds');
  const emails = strArray(body, 'Emails')?.map((e) => e.toLowerCase());
  const firstNames = strArray(body, 'FirstNames');
  const lastNames = strArray(body, 'LastNames');
  const states = strArray(body, 'ActivityStates');
  const created = intervalFilter(body, 'CreatedUtc');
  const updated = intervalFilter(body, 'UpdatedUtc');
  const matches = ctx.store.state.customers.filter(
    (c) =>
      chainInScope(ctx, c.ChainId) &&
      (!chainIds || chainIds.includes(String(c.ChainId))) &&
      (!ids || ids.includes(c.Id)) &&
      (!emails || (typeof c.Email === 'string' && emails.includes(c.Email.toLowerCase()))) &&
      (!firstNames || firstNames.includes(String(c.FirstName))) &&
      (!lastNames || lastNames.includes(String(c.LastName))) &&
      (!states || states.includes(c.IsActive ? 'Active' : 'Deleted')) &&
      (!created || created(c.CreatedUtc)) &&
      (!updated || updated(c.UpdatedUtc)),
  );
  const sorted = newestFirst(
    matches,
    (c) => c.CreatedUtc,
    (c) => c.Id,
  );
  const { items, cursor } = page(body, sorted, (c) => c.Id);
  // Extent.Customers false asks for no customer data (the cursor still comes back).
  const wantCustomers = obj(body, 'Extent')?.Customers === true;
  return { Customers: wantCustomers ? items : [], Cursor: cursor };
};

const PERSONAL_FIELDS = [
  'Title',
  'FirstName',
  'LastName',
  'SecondLastName',
  'NationalityCode',
  'PreferredLanguageCode',
  'Sex',
  'BirthDate',
  'BirthCountryCode',
  'BirthCountrySubdivisionCode',
  'BirthPlace',
  'Occupation',
  'Email',
  'Phone',
  'LoyaltyCode',
  'Notes',
  'CarRegistrationNumber',
  'DietaryRequirements',
  'TaxIdentificationNumber',
  'CompanyId',
  'ItalianDestinationCode',
  'ItalianFiscalCode',
  'ItalianLotteryCode',
] as const;

export const addCustomer: OperationHandler = (body, ctx) => {
  const chainId = str(body, 'ChainId');
  if (chainId !== null && chainId !== ctx.enterprise.chainId) throw invalid('ChainId');
  const email = str(body, 'Email');
  const now = ctx.store.nowUtc();
  const existing =
    email === null
      ? undefined
      : ctx.store.state.customers.find(
          (c) =>
            c.ChainId === ctx.enterprise.chainId &&
            typeof c.Email === 'string' &&
            c.Email.toLowerCase() === email.toLowerCase(),
        );
  if (existing) {
    if (body.OverwriteExisting !== true) {
      throw refused(`A customer with the email ${email} already exists.`);
    }
    applyPersonalData(existing, body);
    existing.UpdatedUtc = now;
    existing.UpdaterProfileId = SANDBOX_PROFILE_ID;
    ctx.store.save();
    return existing;
  }
  ctx.store.state.customerNumberSeq += 1;
  const customer = customerRecord({
    id: randomUUID(),
    chainId: ctx.enterprise.chainId,
    number: String(ctx.store.state.customerNumberSeq),
    at: now,
    fields: {
      Classifications: Array.isArray(body.Classifications) ? body.Classifications : [],
      Options: Array.isArray(body.Options) ? body.Options : [],
    },
  });
  applyPersonalData(customer, body);
  if (customer.Address === undefined && obj(body, 'Address')) customer.AddressId = randomUUID();
  ctx.store.state.customers.push(customer);
  ctx.store.save();
  return customer;
};

function applyPersonalData(customer: MewsObject, body: Body): void {
  for (const field of PERSONAL_FIELDS) {
    if (body[field] !== undefined) customer[field] = body[field];
  }
  if (body.PreferredLanguageCode !== undefined) customer.LanguageCode = body.PreferredLanguageCode;
  if (typeof body.Sex === 'string')
    customer.Sex = body.Sex === 'Male' ? 'Male' : body.Sex === 'Female' ? 'Female' : null;
}
