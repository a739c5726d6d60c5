/** The pure lifecycle machine of one Zeek node; effects are supplied by the process supervisor. */
export { createNodeMachine, type NodeMachine, nodeMachine } from "./machine.js";
export {
  type BackoffInputs,
  backoffDelayMs,
  crashesInWindow,
  DEFAULT_POLICY,
  type LifecyclePolicy,
  resolvePolicy,
} from "./policy.js";
export { type NodeMachineSnapshot, type PersistedNode, persistedSnapshot, stateOf } from "./snapshot.js";
export type {
  EmitParams,
  LastExit,
  NodeContext,
  NodeMachineEvent,
  NodeMachineInput,
  NodeRef,
  PersistParams,
  ProcessInfo,
  ProcessInput,
  SignalParams,
  SpawnInput,
} from "./types.js";
export { CRASHED_DURING_SHUTDOWN, isCleanExit, STOPPED, stopOutcome } from "./updates.js";
