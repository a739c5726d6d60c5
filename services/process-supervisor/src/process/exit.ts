/** How a node process ended, and watching for it. */
import type { ChildProcess } from "node:child_process";
import { isSameProcess, type ProcIdentity } from "./proc.js";

/** The end of a process: code or signal (both null when it was not our child), and when. */
export interface ExitInfo {
  code: number | null;
  signal: string | null;
  at: number;
}

/** Resolves when our own child exits, with its code or signal (seen at once). */
export function watchChild(child: ChildProcess): Promise<ExitInfo> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode, at: Date.now() });
      return;
    }
    child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
}

/**
 * Resolves when an adopted process (not our child) is gone or its pid now belongs to another
 * process. Its exit status cannot be known, so code and signal are null.
 */
export function watchAdopted(
  identity: ProcIdentity,
  intervalMs = 50,
): { done: Promise<ExitInfo>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<ExitInfo>((resolve) => {
    timer = setInterval(() => {
      if (isSameProcess(identity)) return;
      clearInterval(timer);
      resolve({ code: null, signal: null, at: Date.now() });
    }, intervalMs);
  });
  return { done, cancel: () => clearInterval(timer) };
}

/** Human words for an exit, as the crash report and events give it. */
export function describeExit(exit: ExitInfo): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  if (exit.code !== null) return `exit code ${exit.code}`;
  return "process disappeared";
}
