/**
 * Retrying JetStream writes through a leader change: a short per-try timeout, and retries on
 * timeouts and "no responders"/503 for up to a deadline (default 10 s). Conflicts are never
 * retried here: they are answers, not faults.
 */
import { TimeoutError } from "@zeekbus/contracts";

/** Options of {@link retryTransient}. */
export interface RetryOptions {
  /** Give up after this long (ms); default 10 000. */
  deadlineMs?: number;
  /** Pause between tries (ms); default 100. */
  pauseMs?: number;
}

/** True for errors that a leader change or reconnect causes and that a retry can fix. */
export function isTransient(err: unknown): boolean {
  const e = err as { name?: string; message?: string; code?: unknown; cause?: unknown };
  const text = `${e?.name ?? ""} ${e?.message ?? ""}`.toLowerCase();
  if (/timeout|no responders|503|disconnect|reconnect|temporarily unavailable|connection closed/.test(text))
    return true;
  if (e?.code === 10008 || e?.code === 503) return true;
  return e?.cause !== undefined && e.cause !== err && isTransient(e.cause);
}

/** Runs `op` until it succeeds, fails with a non-transient error, or the deadline passes. */
export async function retryTransient<T>(
  what: string,
  op: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.deadlineMs ?? 10_000);
  const pause = options.pauseMs ?? 100;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await op();
    } catch (err) {
      if (!isTransient(err)) throw err;
      last = err;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
  throw new TimeoutError(`${what} did not succeed within ${options.deadlineMs ?? 10_000} ms`, [
    `last error: ${(last as Error)?.message ?? String(last)}`,
  ]);
}
