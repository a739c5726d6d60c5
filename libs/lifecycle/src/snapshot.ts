/**
 * Reading node machine snapshots: the top-level `NodeState`, and a plain record of the facts
 * worth saving or publishing (state, process, counters).
 */
import type { NodeState } from "@zeekbus/contracts";
import type { SnapshotFrom } from "xstate";
import type { NodeMachine } from "./machine.js";
import type { LastExit, NodeRef } from "./types.js";

/** Snapshot of a node machine actor. */
export type NodeMachineSnapshot = SnapshotFrom<NodeMachine>;

/** The top-level state of a snapshot, e.g. `running` for `{ starting: "waitingReady" }` → `starting`. */
export function stateOf(snapshot: Pick<NodeMachineSnapshot, "value">): NodeState {
  const value = snapshot.value;
  return (typeof value === "string" ? value : Object.keys(value)[0]) as NodeState;
}

/** The observable facts of a node, JSON-safe: what the supervisor saves and reports. */
export interface PersistedNode {
  node: NodeRef;
  state: NodeState;
  pid?: number;
  startedAt?: number;
  attempt: number;
  restarts: number;
  crashTimes: number[];
  lastExit?: LastExit;
  stopReason?: string;
  failure?: string;
}

/** The persisted record of a snapshot (no policy, no transient flags). */
export function persistedSnapshot(snapshot: NodeMachineSnapshot): PersistedNode {
  const { node, pid, startedAt, attempt, restarts, crashTimes, lastExit, stopReason, failure } =
    snapshot.context;
  const record: PersistedNode = {
    node,
    state: stateOf(snapshot),
    attempt,
    restarts,
    crashTimes: [...crashTimes],
  };
  if (pid !== undefined) record.pid = pid;
  if (startedAt !== undefined) record.startedAt = startedAt;
  if (lastExit !== undefined) record.lastExit = { ...lastExit };
  if (stopReason !== undefined) record.stopReason = stopReason;
  if (failure !== undefined) record.failure = failure;
  return record;
}
