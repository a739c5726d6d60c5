/** Test helper: find and end the agents a bootstrap started, by pid (matched on file and cluster). */
import { readdirSync, readFileSync } from "node:fs";

/** Pids of processes whose argv names `file` and whose environment has `ZEEKBUS_CLUSTER=cluster`. */
export function agentPids(file: string, cluster: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (!argv.includes(file)) continue;
      const env = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      if (env.includes(`ZEEKBUS_CLUSTER=${cluster}`)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** SIGKILLs each agent of `cluster` running `file`; returns the pids it signalled. */
export function killAgents(file: string, cluster: string): number[] {
  const pids = agentPids(file, cluster);
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return pids;
}
