/**
 * Reading processes from /proc. A process is identified by pid **and** start time (clock ticks
 * since boot, field 22 of /proc/PID/stat) **and** command line, so a reused pid is never
 * mistaken for the zeek that once had it.
 */
import { readFileSync } from "node:fs";

/** Who a process is. */
export interface ProcIdentity {
  pid: number;
  /** Start time in clock ticks since boot. */
  startTicks: number;
  /** argv as the kernel has it. */
  cmdline: string[];
}

/** Reads a process's identity; undefined when it does not exist (or is a zombie). */
export function readIdentity(pid: number): ProcIdentity | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return undefined;
    const startTicks = Number(fields[19]);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8")
      .split("\0")
      .filter((a) => a.length > 0);
    return { pid, startTicks, cmdline };
  } catch {
    return undefined;
  }
}

/** True when `pid` is still the very process `expected` describes. */
export function isSameProcess(expected: ProcIdentity): boolean {
  const now = readIdentity(expected.pid);
  return (
    now !== undefined &&
    now.startTicks === expected.startTicks &&
    now.cmdline.length === expected.cmdline.length &&
    now.cmdline.every((arg, i) => arg === expected.cmdline[i])
  );
}

/** Peak resident memory (VmHWM) in bytes, if the process still exists. */
export function readPeakRssBytes(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
