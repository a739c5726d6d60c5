import { readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { SSHD_CONFIG_RE, TAG_ENV } from "../names.js";

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

function readProc(pid: number, file: string): Buffer | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`);
  } catch {
    return undefined;
  }
}

/**
 * Processes the lab started, found without any state file: those whose environment carries
 * `ZEEKBUS_LAB=` and the lab's sshds, recognised by their config file name in the command line
 * (sshd rewrites its environment area with its process title, so the tag is lost there).
 */
export function strayLabPids(): number[] {
  const envNeedle = Buffer.from(`\0${TAG_ENV}=`);
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const env = readProc(pid, "environ");
    const cmdline = readProc(pid, "cmdline")?.toString("utf8") ?? "";
    const tagged = env !== undefined && Buffer.concat([Buffer.from([0]), env]).includes(envNeedle);
    if (tagged || (cmdline.includes("sshd") && SSHD_CONFIG_RE.test(cmdline))) found.push(pid);
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
