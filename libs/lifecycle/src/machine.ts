/**
 * The node machine: one Zeek process's life from declared to running, through crashes,
 * backoff, quarantine, stop and host loss. Pure: every effect is a named actor or action
 * (see `nodeSetup`) that the supervisor supplies with `.provide()`.
 */
import {
  assignFailure,
  emit,
  emitCrash,
  emitFailed,
  emitQuarantined,
  emitStopped,
  killProcess,
  persist,
  recordCrash,
  recordStopExit,
  termProcess,
} from "./effects.js";
import { hostLost, unknownState } from "./host.js";
import { restartingState, startingState } from "./launch.js";
import { resolvePolicy } from "./policy.js";
import { nodeSetup } from "./setup.js";
import type { NodeContext, NodeMachineInput } from "./types.js";
import { processStarted } from "./updates.js";

/** Initial context from the machine input. */
function initialContext({ input }: { input: NodeMachineInput }): NodeContext {
  return {
    node: input.node,
    policy: resolvePolicy(input.policy),
    attempt: 0,
    crashTimes: [],
    restarts: 0,
    restartAfterStop: false,
    ...(input.adopted === undefined ? {} : processStarted(input.adopted)),
  };
}

const stopNow = { target: "stopping" } as const;
const restartNow = { target: "stopping", actions: "requestRestart" } as const;
const stopIdle = { target: "stopped", actions: "stopIdle" } as const;
const startFresh = { target: "starting", actions: "freshStart" } as const;
const crash = { target: "crashed", actions: recordCrash } as const;

/** Builds the node machine (id `node`). */
export function createNodeMachine() {
  return nodeSetup.createMachine({
    id: "node",
    initial: "declared",
    context: initialContext,
    on: { HOST_LOST: hostLost },
    states: {
      declared: {
        always: { guard: "adoptedAtBoot", target: "running" },
        on: { INSTALL: "installing", START: "starting" },
      },
      installing: {
        entry: persist("installing"),
        on: { INSTALLED: "installed", INSTALL_FAILED: { target: "failed", actions: assignFailure } },
      },
      installed: {
        entry: persist("installed"),
        on: { INSTALL: "installing", START: "starting" },
      },
      starting: startingState,
      running: {
        entry: persist("running"),
        after: { healthyReset: { actions: ["resetAttempts", persist("running")] } },
        on: { STOP: stopNow, RESTART: restartNow, PROCESS_EXITED: crash },
      },
      crashed: {
        entry: [emitCrash, persist("crashed")],
        always: [{ guard: "quarantineDue", target: "quarantined" }, { target: "backoff" }],
      },
      backoff: {
        entry: persist("backoff"),
        always: { guard: "immediateRetry", target: "restarting", actions: "countRestart" },
        after: { backoffDelay: { target: "restarting", actions: "countRestart" } },
        on: { STOP: stopIdle },
      },
      restarting: restartingState,
      rejoining: {
        entry: persist("rejoining"),
        invoke: {
          id: "rejoin",
          src: "waitRejoin",
          input: ({ context }) => ({ node: context.node, pid: context.pid ?? 0 }),
          onDone: { target: "running", actions: emit("running") },
          onError: { target: "running", actions: emit("running", "rejoin_unconfirmed") },
        },
        on: { STOP: stopNow, RESTART: restartNow, PROCESS_EXITED: crash },
      },
      quarantined: {
        entry: [emitQuarantined, persist("quarantined")],
        on: { UNQUARANTINE: startFresh, START: startFresh, RESTART: startFresh, STOP: stopIdle },
      },
      stopping: {
        initial: "terminating",
        entry: [termProcess, persist("stopping")],
        states: {
          terminating: {
            after: { stopTimeout: "killing" },
            on: {
              PROCESS_EXITED: [
                { guard: "restartAfterStop", target: "#node.starting", actions: recordStopExit(false) },
                { target: "#node.stopped", actions: recordStopExit(false) },
              ],
            },
          },
          killing: {
            entry: killProcess,
            on: {
              PROCESS_EXITED: [
                { guard: "restartAfterStop", target: "#node.starting", actions: recordStopExit(true) },
                { target: "#node.stopped", actions: recordStopExit(true) },
              ],
            },
          },
        },
      },
      stopped: {
        entry: [emitStopped, persist("stopped")],
        on: { START: startFresh, RESTART: startFresh, INSTALL: "installing" },
      },
      failed: {
        entry: [emitFailed, persist("failed")],
        on: { START: startFresh, RESTART: startFresh, STOP: stopIdle, INSTALL: "installing" },
      },
      unknown: unknownState,
    },
  });
}

/** The node machine with placeholder effects; `.provide()` the real ones. */
export const nodeMachine = createNodeMachine();

/** Type of the node machine. */
export type NodeMachine = typeof nodeMachine;
