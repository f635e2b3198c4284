// Reconnect delays: exponential with a cap and jitter, so many viewers of a restarted gateway
// do not all come back in the same millisecond.

export const DEFAULT_BACKOFF = Object.freeze({ initialMs: 500, factor: 2, maxMs: 10_000, jitter: 0.2 });

/**
 * Delay before reconnect attempt `attempt` (1 = first retry). `random` is injectable for tests.
 * The result stays within [base * (1 - jitter), base * (1 + jitter)], capped at maxMs.
 */
export function backoffDelay(attempt, options = DEFAULT_BACKOFF, random = Math.random) {
  const { initialMs, factor, maxMs, jitter } = options;
  const exponent = Math.max(0, attempt - 1);
  const base = Math.min(maxMs, initialMs * Math.pow(factor, exponent));
  const spread = base * jitter * (2 * random() - 1);
  return Math.round(Math.min(maxMs, Math.max(0, base + spread)));
}
