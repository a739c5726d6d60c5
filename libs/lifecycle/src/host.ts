/**
 * Host loss: from any state HOST_LOST leads to `unknown`, remembering where the node was.
 * When the host is back the supervisor reports whether the process is still there (ADOPTED)
 * or gone (HOST_BACK_EMPTY), and the node resumes from what it was doing.
 */
import { NodeState } from "@zeekbus/contracts";
import { and, stateIn } from "xstate";
import { emit, persist } from "./effects.js";
import { nodeSetup } from "./setup.js";

/** Every state the host can be lost from (all but `unknown` and the transient `crashed`). */
const LOSABLE: readonly NodeState[] = NodeState.options.filter((s) => s !== "unknown" && s !== "crashed");

/** States without a process that a node returns to when its host comes back (else: declared). */
const RESUMABLE = ["installed", "stopped", "failed", "quarantined", "backoff"] as const;

const lostWhileStopping = { type: "lostFrom", params: { state: "stopping" } } as const;

const assignAdopted = {
  type: "assignProcess",
  params: ({ event }: { event: { pid: number; startedAt: number } }) => ({
    pid: event.pid,
    startedAt: event.startedAt,
  }),
} as const;

/** Root transitions for HOST_LOST: one per state, each remembering that state. */
export const hostLost = LOSABLE.map((state) => ({
  guard: stateIn(`#node.${state}`),
  target: ".unknown",
  actions: { type: "markLost" as const, params: { state } },
}));

/**
 * `unknown`: ADOPTED resumes a verified process (stopping stays stopping, anything else runs);
 * HOST_BACK_EMPTY ends a stop, crashes a node that had a process, and returns any other node
 * to the state it was lost from (`installing` falls back to `declared`).
 */
export const unknownState = nodeSetup.createStateConfig({
  entry: persist("unknown"),
  exit: "clearLost",
  on: {
    ADOPTED: [
      { guard: lostWhileStopping, target: "#node.stopping", actions: assignAdopted },
      { target: "#node.running", actions: [assignAdopted, emit("running")] },
    ],
    HOST_BACK_EMPTY: [
      { guard: and([lostWhileStopping, "restartAfterStop"]), target: "#node.starting", actions: "stopIdle" },
      { guard: lostWhileStopping, target: "#node.stopped", actions: "stopIdle" },
      {
        guard: "lostWithProcess",
        target: "#node.crashed",
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
        target: `#node.${state}`,
      })),
      { target: "#node.declared", actions: persist("declared") },
    ],
  },
});
