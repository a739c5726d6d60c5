import { readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

export function killPid(pid: number, signal: NodeJS.Signals = "SIGKILL"): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Inode of a namespace link, e.g. nsInode(pid, "net"); undefined if the process is gone. */
export function nsInode(pid: number, kind: "net" | "uts" | "mnt"): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/${kind}`);
  } catch {
    return undefined;
  }
}

/** The `net:[inode]` form of a named network namespace file. */
export function netnsFileInode(ns: string): string | undefined {
  try {
    return `net:[${statSync(`/run/netns/${ns}`).ino}]`;
  } catch {
    return undefined;
  }
}

/** Pids whose environment contains `<name>=` (processes the lab tagged), except this process. */
export function taggedPids(name: string): number[] {
  const needle = Buffer.from(`\0${name}=`);
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const env = Buffer.concat([Buffer.from([0]), readFileSync(`/proc/${pid}/environ`)]);
      if (env.includes(needle)) found.push(pid);
    } catch {
      // exited or not readable
    }
  }
  return found;
}

export function readPidFile(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
