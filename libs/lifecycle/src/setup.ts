/**
 * The named vocabulary of the node machine: actors, effects, guards and delays. Actors and
 * effect actions are placeholders here; the supervisor supplies them with `.provide()`.
 */
import type { NodeState } from "@zeekbus/contracts";
import { assign, fromPromise, setup } from "xstate";
import { backoffDelayMs } from "./policy.js";
import type {
  EmitParams,
  NodeContext,
  NodeMachineEvent,
  NodeMachineInput,
  PersistParams,
  ProcessInfo,
  ProcessInput,
  SignalParams,
  SpawnInput,
} from "./types.js";
import { crashed, type ExitSeen, messageOf, processStarted, STOPPED, stopEnded } from "./updates.js";

/** A placeholder actor that rejects: the supervisor must provide the real one. */
function notProvided<TOutput, TInput>(name: string) {
  return fromPromise<TOutput, TInput>(() => Promise.reject(new Error(`actor "${name}" not provided`)));
}

/** A placeholder effect: does nothing until the supervisor provides it. */
function noEffect<TParams>(): (_args: unknown, _params: TParams) => void {
  return () => undefined;
}

/** States in which a process of the node exists (or may exist). */
const PROCESS_STATES: readonly NodeState[] = ["starting", "running", "rejoining", "restarting", "stopping"];

/** The setup every node machine is built from. */
export const nodeSetup = setup({
  types: {
    context: {} as NodeContext,
    events: {} as NodeMachineEvent,
    input: {} as NodeMachineInput,
  },
  actors: {
    /** Spawns the node's process; resolves with its pid and start time, rejects when it cannot. */
    spawnNode: notProvided<ProcessInfo, SpawnInput>("spawnNode"),
    /** Resolves when the process reports RUNNING; rejects when it will not. */
    waitReady: notProvided<void, ProcessInput>("waitReady"),
    /** Resolves when a restarted worker receives packets again (or there is no traffic to see). */
    waitRejoin: notProvided<void, ProcessInput>("waitRejoin"),
  },
  actions: {
    /** Publishes a node lifecycle event. */
    emitEvent: noEffect<EmitParams>(),
    /** Saves the machine snapshot; called on entering every state but the initial one. */
    persist: noEffect<PersistParams>(),
    /** Sends SIGTERM to the process. */
    signalTerm: noEffect<SignalParams>(),
    /** Sends SIGKILL to the process. */
    signalKill: noEffect<SignalParams>(),
    /** Records the process `spawnNode` started or the host still runs. */
    assignProcess: assign((_, params: ProcessInfo) => processStarted(params)),
    /** Records an unrequested exit: last exit, crash window; forgets the process. */
    recordCrash: assign(({ context }, params: ExitSeen) => crashed(context, params)),
    /** Records the exit of a stopping process; `killSent` tells whether a SIGKILL was ours. */
    recordStopExit: assign(({ context }, params: ExitSeen & { killSent: boolean }) => ({
      ...stopEnded(context, params, params.killSent),
      restartAfterStop: false,
    })),
    /** Records why the node could not be installed or started. */
    assignFailure: assign((_, params: { error: unknown }) => ({ failure: messageOf(params.error) })),
    /** A stop of a node with no process: nothing to signal, nothing left to restart. */
    stopIdle: assign({ stopReason: STOPPED, restartAfterStop: false, pid: undefined, startedAt: undefined }),
    /** Operator intent to run again: clears the failure and the crash history. */
    freshStart: assign({ failure: undefined, crashTimes: [], attempt: 0 }),
    /** One more automatic restart. */
    countRestart: assign(({ context }) => ({ attempt: context.attempt + 1, restarts: context.restarts + 1 })),
    /** The node stayed up long enough: the backoff starts over. */
    resetAttempts: assign({ attempt: 0 }),
    /** RESTART: start again once the process has stopped. */
    requestRestart: assign({ restartAfterStop: true }),
    /** Remembers the state the node was in when its host was lost. */
    markLost: assign((_, params: { state: NodeState }) => ({ lostFrom: params.state })),
    /** Forgets where the host was lost from. */
    clearLost: assign({ lostFrom: undefined }),
  },
  guards: {
    /** The machine was created for a process found running (input `adopted`). */
    adoptedAtBoot: ({ context }) => context.pid !== undefined,
    /** Enough crashes inside the window to quarantine. */
    quarantineDue: ({ context }) => context.crashTimes.length >= context.policy.quarantineCrashes,
    /** No wait before this restart: go on in the same step, without a timer. */
    immediateRetry: ({ context }) => backoffDelayMs(context) === 0,
    /** Workers rejoin their fanout group after a restart. */
    isWorker: ({ context }) => context.node.type === "worker",
    /** A RESTART is waiting for the stopping process to end. */
    restartAfterStop: ({ context }) => context.restartAfterStop,
    /** The host was lost while the node was in the given state. */
    lostFrom: ({ context }, params: { state: NodeState }) => context.lostFrom === params.state,
    /** The host was lost while a process of the node existed. */
    lostWithProcess: ({ context }) =>
      context.lostFrom !== undefined && PROCESS_STATES.includes(context.lostFrom),
  },
  delays: {
    /** Wait before an automatic restart (see `backoffDelayMs`). */
    backoffDelay: ({ context }) => backoffDelayMs(context),
    /** Time in running after which the attempt counter resets. */
    healthyReset: ({ context }) => context.policy.healthyResetMs,
    /** Time allowed between SIGTERM and SIGKILL. */
    stopTimeout: ({ context }) => context.policy.stopTimeoutMs,
    /** Time a new process has to become ready. */
    readyTimeout: ({ context }) => context.policy.readyTimeoutMs,
  },
});
