import { readFileSync } from "node:fs";
import { resolve, sep } from "node:path";
import { PreconditionError } from "./errors.js";
import { run, waitFor } from "./exec.js";
import { isAlive, killPid, strayLabPids } from "./host/procs.js";
import { removeGuardRoute } from "./net/guard.js";
import { deleteNetns, listLabNetns, listLabRootLinks, pidsInNetns } from "./net/netns.js";
import { defaultLabDir } from "./paths.js";
import { removeLabFile } from "./state.js";

/** Root-namespace mount points under the lab directory (none are expected; a crash could leave some). */
function mountsUnder(dir: string): string[] {
  const prefix = dir.endsWith(sep) ? dir : `${dir}${sep}`;
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[4] ?? "")
    .filter((mp) => mp === dir || mp.startsWith(prefix))
    .reverse();
}

async function killAll(pids: number[]): Promise<void> {
  for (const pid of pids) killPid(pid);
  await waitFor(() => (pids.some(isAlive) ? undefined : true), 3000);
}

/**
 * Removes every trace of the lab, also what a crashed run left: all processes in `zb-`
 * namespaces and all processes the lab tagged, the namespaces, root-side `zb-` links,
 * stray mounts under the lab directory and, unless `keepRoute`, the guard route (last).
 */
export async function teardown(dir: string, keepRoute = false): Promise<void> {
  const namespaces = await listLabNetns();
  const inNs = (await Promise.all(namespaces.map(pidsInNetns))).flat();
  await killAll([...new Set([...inNs, ...strayLabPids()])]);
  for (const link of await listLabRootLinks()) {
    await run(["ip", "link", "del", link], { allowFail: true });
  }
  await Promise.all(namespaces.map(deleteNetns));
  for (const mp of mountsUnder(dir)) {
    await run(["umount", "-l", mp], { context: `unmount ${mp}` });
  }
  removeLabFile(dir);
  if (!keepRoute) await removeGuardRoute();
}

/** Tears the lab down (idempotent). */
export async function labDown(dir?: string): Promise<void> {
  if (process.getuid?.() !== 0)
    throw new PreconditionError("lab down needs root (network namespaces, mounts)");
  await teardown(resolve(dir ?? defaultLabDir()));
}
