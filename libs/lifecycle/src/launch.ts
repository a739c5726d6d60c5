/**
 * `starting` and `restarting`: spawn the process, wait for RUNNING, and kill it when it does
 * not get there. A STOP while spawning is remembered and honoured once the pid is known.
 */
import { stateIn } from "xstate";
import { assignFailure, assignSpawned, emit, killProcess, persist, recordCrash } from "./effects.js";
import { nodeSetup } from "./setup.js";
import type { NodeContext } from "./types.js";

const spawnInput = ({ context }: { context: NodeContext }) => ({ node: context.node });
const processInput = ({ context }: { context: NodeContext }) => ({
  node: context.node,
  pid: context.pid ?? 0,
});

/**
 * The spawn → ready → (kill) sub-states shared by both launch states. `id` names the parent
 * state; `onReady` is where a process that reported RUNNING goes.
 */
function launchStates<const TReady>(id: "starting" | "restarting", onReady: TReady) {
  return {
    spawning: {
      initial: "pending",
      states: {
        pending: { on: { STOP: "stopRequested" } },
        stopRequested: {},
      },
      invoke: {
        id: "spawn",
        src: "spawnNode",
        input: spawnInput,
        onDone: [
          {
            guard: stateIn(`#node.${id}.spawning.stopRequested`),
            target: "#node.stopping",
            actions: assignSpawned,
          },
          { target: "waitingReady", actions: assignSpawned },
        ],
        onError: { target: "#node.failed", actions: assignFailure },
      },
    },
    waitingReady: {
      invoke: { id: "ready", src: "waitReady", input: processInput, onDone: onReady, onError: "killing" },
      after: { readyTimeout: "killing" },
      on: { STOP: "#node.stopping" },
    },
    killing: {
      entry: killProcess,
      on: { STOP: "#node.stopping.killing" },
    },
  } as const;
}

/** First start (or operator start): emits "starting", then "running" when ready. */
export const startingState = nodeSetup.createStateConfig({
  initial: "spawning",
  entry: [emit("starting"), persist("starting")],
  on: { PROCESS_EXITED: { target: "#node.crashed", actions: recordCrash } },
  states: launchStates("starting", { target: "#node.running", actions: emit("running") }),
});

/** Automatic restart after backoff: emits "restarted" when ready; workers then rejoin. */
export const restartingState = nodeSetup.createStateConfig({
  initial: "spawning",
  entry: persist("restarting"),
  on: { PROCESS_EXITED: { target: "#node.crashed", actions: recordCrash } },
  states: launchStates("restarting", [
    { guard: "isWorker", target: "#node.rejoining", actions: emit("restarted") },
    { target: "#node.running", actions: [emit("restarted"), emit("running")] },
  ]),
});
