/** Looking at workers from the root namespace: their pids. */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import type { LabHost } from "@zeekbus/lab";

/**
 * Pids of live zeek processes started for `node` (matched by its `-p <node>` argument) on a lab
 * host: in its network namespace, so a same-named node of another cluster on the machine is not one.
 */
export function nodePids(host: LabHost, node: string): number[] {
  const netns = readlinkSync(`/proc/${host.nsPid}/ns/net`);
  const pids: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const argv = readFileSync(`/proc/${d}/cmdline`, "utf8").split("\0");
      if (!argv.some((a, i) => a === node && argv[i - 1] === "-p")) continue;
      if (readlinkSync(`/proc/${d}/ns/net`) !== netns) continue;
      const state = readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]?.split(" ")[0];
      if (state !== "Z") pids.push(Number(d));
    } catch {
      // gone while being read
    }
  }
  return pids;
}
