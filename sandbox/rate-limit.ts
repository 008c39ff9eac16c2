/**
 * Mews' limit: 200 requests per AccessToken within a sliding 30-second window (reference §1.5).
 * Requests refused with 429 do not count, so a client that honours Retry-After gets through.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    public limit = 200,
    public windowMs = 30_000,
  ) {}

  /** Records the request and returns null, or the seconds to wait when over the limit. */
  check(accessToken: string, nowMs: number): number | null {
    const since = nowMs - this.windowMs;
    const recent = (this.hits.get(accessToken) ?? []).filter((t) => t > since);
    if (recent.length >= this.limit) {
      this.hits.set(accessToken, recent);
      const oldest = recent[0] ?? nowMs;
      return Math.max(1, Math.ceil((oldest + this.windowMs - nowMs) / 1000));
    }
    recent.push(nowMs);
    this.hits.set(accessToken, recent);
    return null;
  }

  reset(): void {
    this.hits.clear();
  }
}
