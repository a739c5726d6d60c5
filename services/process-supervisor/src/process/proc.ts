/**
 * Reading processes from /proc. A node process is identified by pid **and** start time (clock
 * ticks since boot, field 22 of /proc/PID/stat) **and** its arguments, so a reused pid is never
 * mistaken for the zeek that once had it. The arguments are the node's own (the argv after the
 * zeek path): the kernel's command line ends with them whether zeek is a binary, a script run by
 * an interpreter (`/bin/sh zeek …`, `/usr/bin/env python3 zeek …`), behind `taskset`, or a
 * wrapper that execs the real binary with `"$@"` — each of which changes what comes before.
 */
import { readFileSync } from "node:fs";

/** What /proc says about a live process now. */
export interface ProcStat {
  pid: number;
  /** Start time in clock ticks since boot (unchanged by exec). */
  startTicks: number;
  /** Process group id. */
  pgid: number;
  /** argv as the kernel has it. */
  cmdline: string[];
}

/** Who a node process is, as recorded when it was started or adopted. */
export interface ProcIdentity {
  pid: number;
  /** Start time in clock ticks since boot. */
  startTicks: number;
  /** argv as the kernel had it when the process was recorded. */
  cmdline: string[];
  /** The node's arguments (spec argv): what its command line keeps ending with. */
  args: string[];
}

/** Reads a process; undefined when it does not exist (or is a zombie). */
export function readProc(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return undefined;
    const raw = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    const cmdline = raw === "" ? [] : raw.replace(/\0$/, "").split("\0");
    return { pid, pgid: Number(fields[2]), startTicks: Number(fields[19]), cmdline };
  } catch {
    return undefined;
  }
}

/** The identity of `pid` as a node process with these arguments; undefined when it is gone. */
export function readIdentity(pid: number, args: string[]): ProcIdentity | undefined {
  const now = readProc(pid);
  return now && { pid, startTicks: now.startTicks, cmdline: now.cmdline, args };
}

function endsWith(cmdline: string[], args: string[]): boolean {
  const offset = cmdline.length - args.length;
  return offset >= 0 && args.every((arg, i) => cmdline[offset + i] === arg);
}

/** The live process `expected` describes, when `pid` still is that process. */
export function sameProcess(expected: ProcIdentity): ProcStat | undefined {
  const now = readProc(expected.pid);
  return now && now.startTicks === expected.startTicks && endsWith(now.cmdline, expected.args)
    ? now
    : undefined;
}

/** True when `pid` is still the very process `expected` describes. */
export function isSameProcess(expected: ProcIdentity): boolean {
  return sameProcess(expected) !== undefined;
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
