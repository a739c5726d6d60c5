/**
 * Per-host work of one request: every host named once, at most {@link HOST_CONCURRENCY} hosts
 * worked on at a time (each runs several commands, so an unbounded fan-out runs this machine
 * out of processes and file descriptors), and the failures of a request summed up in one log
 * line instead of one line per host.
 */
import { ValidationError } from "@zeekbus/contracts";
import type { Logger } from "@zeekbus/log";

/** Hosts (nodes, for check) worked on at the same time within one request. */
export const HOST_CONCURRENCY = 16;

/** Duplicates (failures) named one by one in a refusal (log line); the rest are counted. */
const MAX_LISTED = 5;
/** Characters of each listed failure's error kept in the log line. */
const MAX_ERROR = 300;

/** Like `Promise.all(items.map(fn))` with at most `limit` calls of `fn` pending; results in order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Throws a ValidationError on `<field>` when a host appears more than once: the same host twice
 * in one request is a mistake (two installs or agents racing on one machine), never a wish.
 */
export function refuseDuplicateHosts(targets: readonly { host: string }[], field = "hosts"): void {
  const first = new Map<string, number>();
  const details: string[] = [];
  let duplicates = 0;
  targets.forEach((t, i) => {
    const at = first.get(t.host);
    if (at === undefined) {
      first.set(t.host, i);
      return;
    }
    duplicates++;
    if (details.length < MAX_LISTED) details.push(`${field}.${i}.host: ${t.host} is already ${field}.${at}`);
  });
  if (duplicates === 0) return;
  if (duplicates > details.length) details.push(`${field}: ${duplicates - details.length} more duplicates`);
  throw new ValidationError(`${field}: ${duplicates} duplicate host(s); name each host once`, details);
}

/** One warn line for the failures of a request (none when all went well): a count and the first few. */
export function logFailures(
  log: Logger,
  verb: string,
  total: number,
  failures: readonly { name: string; error?: string | undefined }[],
): void {
  if (failures.length === 0) return;
  const first = failures
    .slice(0, MAX_LISTED)
    .map((f) => ({ name: f.name, error: (f.error ?? "").slice(0, MAX_ERROR) }));
  const more = failures.length > first.length ? ` and ${failures.length - first.length} more` : "";
  log.warn(
    { verb, failed: failures.length, total, first },
    `${verb} failed on ${failures.length} of ${total}: ${first.map((f) => f.name).join(", ")}${more}`,
  );
}
