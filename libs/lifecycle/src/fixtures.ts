/**
 * Helpers for driving the node machine without running it: named internal events (actor
 * results, timers) and the effects a transition would execute, as plain data.
 */
import { initialTransition, transition } from "xstate";
import { nodeMachine } from "./machine.js";
import type { NodeMachineSnapshot } from "./snapshot.js";
import type { NodeMachineEvent, NodeMachineInput, NodeRef } from "./types.js";

/** An effect a transition would execute: the action name and its resolved params. */
export interface Effect {
  type: string;
  params?: unknown;
}

/** A worker and a manager to drive machines with. */
export const WORKER: NodeRef = { name: "worker-1-1", type: "worker" };
export const MANAGER: NodeRef = { name: "manager", type: "manager" };

/** Internal events by what they mean: actor results and fired timers. */
export const internal = {
  spawned: (pid: number, startedAt: number) =>
    ev({ type: "xstate.done.actor.spawn", output: { pid, startedAt } }),
  spawnFailed: (message: string) => ev({ type: "xstate.error.actor.spawn", error: new Error(message) }),
  ready: () => ev({ type: "xstate.done.actor.ready" }),
  notReady: () => ev({ type: "xstate.error.actor.ready", error: new Error("not ready") }),
  rejoined: () => ev({ type: "xstate.done.actor.rejoin" }),
  rejoinFailed: () => ev({ type: "xstate.error.actor.rejoin", error: new Error("no packets") }),
  after: (delay: string, stateId: string) => ev({ type: `xstate.after.${delay}.node.${stateId}` }),
};

function ev(event: { type: string; [key: string]: unknown }): NodeMachineEvent {
  return event as unknown as NodeMachineEvent;
}

/** The effects among `actions`, in order, without xstate's own bookkeeping actions. */
export function effectsOf(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  return actions
    .filter((a) => !a.type.startsWith("xstate."))
    .map((a) => (a.params === undefined ? { type: a.type } : { type: a.type, params: a.params }));
}

/** The snapshot after the initial transition and then each event, computed purely. */
export function drive(
  input: NodeMachineInput,
  events: readonly NodeMachineEvent[] = [],
): NodeMachineSnapshot {
  let [snapshot] = initialTransition(nodeMachine, input);
  for (const event of events) [snapshot] = transition(nodeMachine, snapshot, event);
  return snapshot;
}

/** One pure step: the next snapshot and the effects it would execute. */
export function step(
  snapshot: NodeMachineSnapshot,
  event: NodeMachineEvent,
): { snapshot: NodeMachineSnapshot; effects: Effect[] } {
  const [next, actions] = transition(nodeMachine, snapshot, event);
  return { snapshot: next, effects: effectsOf(actions) };
}
