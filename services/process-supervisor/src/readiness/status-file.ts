/**
 * Readiness from Zeek's own `.status` file (`-U .status`): INITIALIZING → RUNNING →
 * TERMINATING → TERMINATED.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The first word of `.status` in `cwd`, upper-case (e.g. `RUNNING`), or undefined if absent. */
export function readStatus(cwd: string): string | undefined {
  try {
    return readFileSync(join(cwd, ".status"), "utf8").trim().split(/\s+/)[0] || undefined;
  } catch {
    return undefined;
  }
}

/** The whole first line of `.status` in `cwd` (e.g. `TERMINATED [atexit]`), or undefined. */
export function readStatusLine(cwd: string): string | undefined {
  try {
    return readFileSync(join(cwd, ".status"), "utf8").split("\n")[0]?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The node ended before it became ready, or did not become ready in time. */
export class NotReadyError extends Error {
  override name = "NotReadyError";
}

/** Resolves when `.status` says RUNNING; rejects on TERMINATED, abort or timeout. */
export async function waitRunning(
  cwd: string,
  options: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 10;
  while (Date.now() < deadline) {
    if (options.signal?.aborted) throw new NotReadyError("readiness wait cancelled");
    const status = readStatus(cwd);
    if (status === "RUNNING") return;
    if (status === "TERMINATED" || status === "TERMINATING") throw new NotReadyError(`.status is ${status}`);
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new NotReadyError(`.status did not reach RUNNING within ${options.timeoutMs} ms`);
}
