/**
 * The node machine: one Zeek process's life from declared to running, through crashes,
 * backoff, quarantine, stop and host loss. Pure: every effect is a named actor or action
 * (see `nodeSetup`) that the supervisor supplies with `.provide()`.
 */
import type { NodeState } from "@zeekbus/contracts";
import { and, stateIn } from "xstate";
import {
  assignFailure,
  emit,
  emitCrash,
  emitQuarantined,
  persist,
  recordCrash,
  recordStopExit,
} from "./effects.js";
import { restartingState, startingState } from "./launch.js";
import { resolvePolicy } from "./policy.js";
import { nodeSetup } from "./setup.js";
import type { NodeContext, NodeMachineInput } from "./types.js";
import { STOPPED } from "./updates.js";

/** Every state the host can be lost from (all but `unknown`). */
const LOSABLE: readonly NodeState[] = [
  "declared",
  "installing",
  "installed",
  "starting",
  "running",
  "crashed",
  "backoff",
  "restarting",
  "rejoining",
  "quarantined",
  "stopping",
  "stopped",
  "failed",
];

/** States without a process that a node returns to when its host comes back (else: declared). */
const RESUMABLE = ["installed", "stopped", "failed", "quarantined", "backoff"] as const;

/** Initial context from the machine input. */
function initialContext({ input }: { input: NodeMachineInput }): NodeContext {
  const context: NodeContext = {
    node: input.node,
    policy: resolvePolicy(input.policy),
    attempt: 0,
    crashTimes: [],
    restarts: 0,
    restartAfterStop: false,
  };
  if (input.adopted !== undefined) Object.assign(context, input.adopted);
  return context;
}

const signalTerm = {
  type: "signalTerm",
  params: ({ context, event }: { context: NodeContext; event: { type: string; reason?: string } }) =>
    event.type === "STOP" && event.reason !== undefined
      ? { pid: context.pid, reason: event.reason }
      : { pid: context.pid },
} as const;

const stopNow = { target: "stopping" } as const;
const restartNow = { target: "stopping", actions: "requestRestart" } as const;
const stopIdle = { target: "stopped", actions: "stopIdle" } as const;
const startFresh = { target: "starting", actions: "freshStart" } as const;
const lostWhileStopping = { type: "lostFrom", params: { state: "stopping" } } as const;
const assignAdopted = {
  type: "assignProcess",
  params: ({ event }: { event: { pid: number; startedAt: number } }) => ({
    pid: event.pid,
    startedAt: event.startedAt,
  }),
} as const;
const crash = { target: "crashed", actions: recordCrash } as const;

/** Builds the node machine (id `node`). */
export function createNodeMachine() {
  return nodeSetup.createMachine({
    id: "node",
    initial: "declared",
    context: initialContext,
    on: {
      HOST_LOST: LOSABLE.map((state) => ({
        guard: stateIn(`#node.${state}`),
        target: ".unknown",
        actions: { type: "markLost", params: { state } },
      })),
    },
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
        entry: [signalTerm, persist("stopping")],
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
            entry: { type: "signalKill", params: ({ context }) => ({ pid: context.pid }) },
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
        entry: [
          {
            type: "emitEvent",
            params: ({ context }) => ({ event: "stopped", reason: context.stopReason ?? STOPPED }),
          },
          persist("stopped"),
        ],
        on: { START: startFresh, RESTART: startFresh, INSTALL: "installing" },
      },
      failed: {
        entry: [
          {
            type: "emitEvent",
            params: ({ context }) => ({ event: "failed", reason: context.failure ?? "failed" }),
          },
          persist("failed"),
        ],
        on: { START: startFresh, RESTART: startFresh, STOP: stopIdle, INSTALL: "installing" },
      },
      unknown: {
        entry: persist("unknown"),
        exit: "clearLost",
        on: {
          ADOPTED: [
            { guard: lostWhileStopping, target: "stopping", actions: assignAdopted },
            { target: "running", actions: [assignAdopted, emit("running")] },
          ],
          HOST_BACK_EMPTY: [
            {
              guard: and([lostWhileStopping, "restartAfterStop"]),
              target: "starting",
              actions: "stopIdle",
            },
            {
              guard: lostWhileStopping,
              target: "stopped",
              actions: "stopIdle",
            },
            {
              guard: "lostWithProcess",
              target: "crashed",
              actions: {
                type: "recordCrash",
                params: ({ context, event }) => ({
                  code: null,
                  signal: null,
                  at: event.at ?? context.startedAt ?? 0,
                }),
              },
            },
            ...RESUMABLE.map((state) => ({
              guard: { type: "lostFrom" as const, params: { state } },
              target: state,
            })),
            { target: "declared", actions: persist("declared") },
          ],
        },
      },
    },
  });
}

/** The node machine with placeholder effects; `.provide()` the real ones. */
export const nodeMachine = createNodeMachine();

/** Type of the node machine. */
export type NodeMachine = typeof nodeMachine;
