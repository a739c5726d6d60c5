/** Finding node processes on this machine, for tests that count duplicates. */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** Pids of live processes running in `cwd` (a node's spool dir). */
export function nodeProcesses(cwd: string): number[] {
  const pids: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readlinkSync(`/proc/${d}/cwd`) !== cwd) continue;
      const state = readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]?.split(" ")[0];
      if (state !== "Z") pids.push(Number(d));
    } catch {
      // the process ended while being looked at
    }
  }
  return pids;
}
