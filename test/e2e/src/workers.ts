/** Looking at workers from the root namespace: their pids. */
import { readdirSync, readFileSync } from "node:fs";

/** Pids of live zeek processes started for `node` (matched by its `-p <node>` argument). */
export function nodePids(node: string): number[] {
  const pids: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const argv = readFileSync(`/proc/${d}/cmdline`, "utf8").split("\0");
      const at = argv.indexOf("-p");
      if (at < 0 || !argv.some((a, i) => a === node && argv[i - 1] === "-p")) continue;
      const state = readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]?.split(" ")[0];
      if (state !== "Z") pids.push(Number(d));
    } catch {
      // gone while being read
    }
  }
  return pids;
}
