/** Postgres error details, whether the driver (pg, PGlite) or Drizzle's wrapper threw. */
export function postgresErrorOf(
  error: unknown,
): { code?: string; constraint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined,
      };
    }
    current = candidate.cause;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = postgresErrorOf(error);
  if (pgError?.code !== '23505') return false;
  if (!constraint) return true;
  // PGlite does not always fill `constraint`; fall back to the index name in the message.
  if (pgError.constraint) return pgError.constraint === constraint;
  return (
    String((error as Error).message ?? '').includes(constraint) ||
    String((error as { cause?: Error }).cause?.message ?? '').includes(constraint)
  );
}
