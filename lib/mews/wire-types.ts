/**
 * Request and response types of the operations we use, taken from the generated spec types, so a
 * field Mews removes or renames breaks the build here rather than a payment in production.
 */
import type { components, paths } from './generated/connector';
import type { MewsOperationName } from './operation-catalog';

export type WireSchemas = components['schemas'];

type PostOf<Op extends MewsOperationName> = paths[`/api/connector/v1/${Op}`]['post'];

/** The full request body of an operation, envelope included. */
export type WireRequest<Op extends MewsOperationName> = NonNullable<
  PostOf<Op>['requestBody']
>['content']['application/json'];

/** The envelope fields the transport adds to every request. */
export type EnvelopeField = 'ClientToken' | 'AccessToken' | 'Client';

/** What an operation module builds: the request body without the envelope. */
export type WirePayload<Op extends MewsOperationName> = Omit<WireRequest<Op>, EnvelopeField>;

/** The 200 response body of an operation, as the spec declares it. */
export type WireResponse<Op extends MewsOperationName> =
  PostOf<Op>['responses'][200]['content']['application/json'];

/**
 * Compile-time check that every field a zod schema reads exists in the spec's schema: resolves
 * to `true`, or to an object naming the fields the spec does not have (which fails the build).
 */
export type FieldsExistInSpec<Shape, SpecSchema> = [
  Exclude<keyof Shape, keyof SpecSchema>,
] extends [never]
  ? true
  : { fieldsMissingFromSpec: Exclude<keyof Shape, keyof SpecSchema> };
