/**
 * Restart policy of one node: backoff curve, healthy reset, quarantine window and the
 * timeouts the machine enforces itself. Pure numbers, supplied as machine input.
 */

/** Timing and limits of a node's automatic recovery; every field is in milliseconds or a count. */
export interface LifecyclePolicy {
  /** A process that ran at least this long is restarted at once (delay 0) on its next crash. */
  immediateRetryAfterMs: number;
  /** First non-immediate backoff delay. */
  backoffInitialMs: number;
  /** Multiplier applied every `backoffStepEvery` attempts. */
  backoffFactor: number;
  /** Number of attempts sharing one delay before it grows. */
  backoffStepEvery: number;
  /** Upper bound of the backoff delay. */
  backoffMaxMs: number;
  /** Time in `running` after which the attempt counter goes back to 0. */
  healthyResetMs: number;
  /** Crashes inside `quarantineWindowMs` that put the node in quarantine. */
  quarantineCrashes: number;
  /** Sliding window over which crashes are counted. */
  quarantineWindowMs: number;
  /** Time between SIGTERM and SIGKILL when stopping. */
  stopTimeoutMs: number;
  /** Time a new process has to report RUNNING before it is killed and treated as crashed. */
  readyTimeoutMs: number;
}

/** Defaults: Zeek Supervisor's curve plus an immediate first retry, quarantine after 5 crashes in 5 min. */
export const DEFAULT_POLICY: Readonly<LifecyclePolicy> = Object.freeze({
  immediateRetryAfterMs: 30_000,
  backoffInitialMs: 1000,
  backoffFactor: 2,
  backoffStepEvery: 3,
  backoffMaxMs: 60_000,
  healthyResetMs: 30_000,
  quarantineCrashes: 5,
  quarantineWindowMs: 300_000,
  stopTimeoutMs: 60_000,
  readyTimeoutMs: 60_000,
});

/** `DEFAULT_POLICY` with the given fields overridden. */
export function resolvePolicy(overrides: Partial<LifecyclePolicy> = {}): LifecyclePolicy {
  return { ...DEFAULT_POLICY, ...overrides };
}

/** The part of the machine context the backoff delay depends on. */
export interface BackoffInputs {
  policy: LifecyclePolicy;
  /** Automatic restarts since the last healthy reset, before the one being scheduled. */
  attempt: number;
  /** How long the process that just ended had run. */
  lastExit?: { ranMs: number } | undefined;
}

/**
 * Delay before the next automatic restart. 0 when the ended process ran at least
 * `immediateRetryAfterMs`; otherwise `backoffInitialMs * backoffFactor ** floor(attempt / backoffStepEvery)`
 * capped at `backoffMaxMs` — with the defaults 1, 1, 1, 2, 2, 2, 4, 4, 4 … 60 s.
 */
export function backoffDelayMs({ policy, attempt, lastExit }: BackoffInputs): number {
  if (lastExit !== undefined && lastExit.ranMs >= policy.immediateRetryAfterMs) return 0;
  const steps = Math.floor(Math.max(0, attempt) / Math.max(1, policy.backoffStepEvery));
  return Math.min(policy.backoffMaxMs, policy.backoffInitialMs * policy.backoffFactor ** steps);
}

/** Crash times still inside the quarantine window that ends at `now`, oldest first. */
export function crashesInWindow(times: readonly number[], now: number, windowMs: number): number[] {
  return times.filter((t) => t > now - windowMs);
}
