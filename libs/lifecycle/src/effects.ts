/**
 * Action objects shared by the state definitions: the effect calls with their params,
 * written once so every state uses the same ones.
 */
import type { NodeEventName, NodeState } from "@zeekbus/contracts";
import type { NodeContext } from "./types.js";
import { isCleanExit, quarantineReason, STOPPED } from "./updates.js";

/** `emitEvent` with the given event name (and reason). */
export function emit(event: NodeEventName, reason?: string) {
  return { type: "emitEvent", params: reason === undefined ? { event } : { event, reason } } as const;
}

/** `persist` for the state being entered. */
export function persist(state: NodeState) {
  return { type: "persist", params: { state } } as const;
}

/** `emitEvent` of the crashed state: "exited" for a clean exit, else "crashed". */
export const emitCrash = {
  type: "emitEvent",
  params: ({ context }: { context: NodeContext }) =>
    isCleanExit(context.lastExit) ? { event: "exited" as const } : { event: "crashed" as const },
} as const;

/** `emitEvent` "quarantined" with the crash count as reason. */
export const emitQuarantined = {
  type: "emitEvent",
  params: ({ context }: { context: NodeContext }) => ({
    event: "quarantined" as const,
    reason: quarantineReason(context),
  }),
} as const;

/** `emitEvent` "stopped" with the stop outcome as reason. */
export const emitStopped = {
  type: "emitEvent",
  params: ({ context }: { context: NodeContext }) => ({
    event: "stopped" as const,
    reason: context.stopReason ?? STOPPED,
  }),
} as const;

/** `emitEvent` "failed" with the failure as reason. */
export const emitFailed = {
  type: "emitEvent",
  params: ({ context }: { context: NodeContext }) => ({
    event: "failed" as const,
    reason: context.failure ?? "failed",
  }),
} as const;

/** `signalTerm` to the current process, with the STOP reason when there is one. */
export const termProcess = {
  type: "signalTerm",
  params: ({ context, event }: { context: NodeContext; event: { type: string; reason?: string } }) =>
    event.type === "STOP" && event.reason !== undefined
      ? { pid: context.pid, reason: event.reason }
      : { pid: context.pid },
} as const;

/** `signalKill` to the current process. */
export const killProcess = {
  type: "signalKill",
  params: ({ context }: { context: NodeContext }) => ({ pid: context.pid }),
} as const;

/** `recordCrash` with the exit the event reports. */
export const recordCrash = {
  type: "recordCrash",
  params: ({ event }: { event: { code: number | null; signal: string | null; at: number } }) => ({
    code: event.code,
    signal: event.signal,
    at: event.at,
  }),
} as const;

/** `recordStopExit` with the exit the event reports. */
export function recordStopExit(killSent: boolean) {
  return {
    type: "recordStopExit",
    params: ({ event }: { event: { code: number | null; signal: string | null; at: number } }) => ({
      code: event.code,
      signal: event.signal,
      at: event.at,
      killSent,
    }),
  } as const;
}

/** `assignProcess` from a `spawnNode` result. */
export const assignSpawned = {
  type: "assignProcess",
  params: ({ event }: { event: { output: { pid: number; startedAt: number } } }) => event.output,
} as const;

/** `assignFailure` from an actor rejection or INSTALL_FAILED. */
export const assignFailure = {
  type: "assignFailure",
  params: ({ event }: { event: { error: unknown } }) => ({ error: event.error }),
} as const;
