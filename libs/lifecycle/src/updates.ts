/**
 * Pure context updates of the node machine: what a process start, a crash or the end of a
 * stop does to the counters. Each returns the changed fields only.
 */
import { crashesInWindow } from "./policy.js";
import type { LastExit, NodeContext, ProcessInfo } from "./types.js";

/** What the supervisor saw when a process ended. */
export interface ExitSeen {
  code: number | null;
  signal: string | null;
  at: number;
}

/** Outcome words of a stop, as zeekctl prints them. */
export const STOPPED = "stopped";
/** A process that died of something other than our SIGTERM (or SIGKILL after the timeout). */
export const CRASHED_DURING_SHUTDOWN = "crashed during shutdown";

/** The current process, as `spawnNode` or an adoption reports it. */
export function processStarted(info: ProcessInfo): Pick<NodeContext, "pid" | "startedAt"> {
  return { pid: info.pid, startedAt: info.startedAt };
}

/** The exit record of the current process. */
export function exitOf(context: NodeContext, exit: ExitSeen): LastExit {
  const ranMs = context.startedAt === undefined ? 0 : Math.max(0, exit.at - context.startedAt);
  const record: LastExit = { code: exit.code, signal: exit.signal, at: exit.at, ranMs };
  if (context.pid !== undefined) record.pid = context.pid;
  return record;
}

/** An unrequested exit: keep it as `lastExit`, count it in the quarantine window, forget the process. */
export function crashed(
  context: NodeContext,
  exit: ExitSeen,
): Pick<NodeContext, "lastExit" | "crashTimes" | "pid" | "startedAt"> {
  const window = crashesInWindow(context.crashTimes, exit.at, context.policy.quarantineWindowMs);
  return {
    lastExit: exitOf(context, exit),
    crashTimes: [...window, exit.at],
    pid: undefined,
    startedAt: undefined,
  };
}

/** "stopped" for a clean exit, SIGTERM, or SIGKILL we sent; otherwise "crashed during shutdown". */
export function stopOutcome(exit: ExitSeen, killSent: boolean): string {
  if (exit.code === 0 || exit.signal === "SIGTERM") return STOPPED;
  if (killSent && exit.signal === "SIGKILL") return STOPPED;
  return CRASHED_DURING_SHUTDOWN;
}

/** A requested exit: keep it as `lastExit` and the stop outcome, forget the process. */
export function stopEnded(
  context: NodeContext,
  exit: ExitSeen,
  killSent: boolean,
): Pick<NodeContext, "lastExit" | "stopReason" | "pid" | "startedAt"> {
  return {
    lastExit: exitOf(context, exit),
    stopReason: stopOutcome(exit, killSent),
    pid: undefined,
    startedAt: undefined,
  };
}

/** True when the process ended on its own with exit code 0 (reported as "exited", not "crashed"). */
export function isCleanExit(exit: LastExit | undefined): boolean {
  return exit !== undefined && exit.code === 0 && exit.signal === null;
}

/** The message of a rejection or failure value. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : String(error);
}

/** Reason given with the "quarantined" event. */
export function quarantineReason(context: NodeContext): string {
  const { quarantineCrashes, quarantineWindowMs } = context.policy;
  return `${context.crashTimes.length} crashes within ${quarantineWindowMs / 1000} s (limit ${quarantineCrashes})`;
}
