/**
 * A node's process group. Every node is spawned as the leader of a new session and process
 * group (its pgid is its pid), so a signal sent to the group reaches a zeek behind a wrapper
 * script and anything zeek forks. Linux does not give a pid to a new process while any process
 * still has it as its process-group id: a group that still has members is still the node's.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Pids of the live (not zombie) processes of group `pgid`, read from /proc. */
export function groupMembers(pgid: number): number[] {
  const pids: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^[0-9]+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid && fields[0] !== "Z" && fields[0] !== "X") pids.push(Number(d));
    } catch {
      // the process ended while being read
    }
  }
  return pids;
}

/** True while group `pgid` has a live member (one syscall when it has none at all). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  return groupMembers(pgid).length > 0;
}

/** Sends `sig` to every process of group `pgid`; false when the group has no process. */
export function signalGroup(pgid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, sig);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves once group `pgid` has no live member. Members still there after `graceMs` are
 * SIGKILLed. An aborted wait stops polling and never resolves.
 */
export function groupEnded(
  pgid: number,
  graceMs: number,
  opts: { pollMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const deadline = Date.now() + graceMs;
  let killed = false;
  return new Promise((resolve) => {
    const check = () => {
      if (opts.signal?.aborted) return;
      if (!groupAlive(pgid)) return resolve();
      if (!killed && Date.now() >= deadline) killed = signalGroup(pgid, "SIGKILL");
      setTimeout(check, opts.pollMs ?? 50);
    };
    check();
  });
}
