/**
 * Input, context, events and effect signatures of the node machine. The supervisor drives
 * the machine with `NodeMachineEvent`s and supplies the effects named here with `.provide()`.
 */
import type { NodeEventName, NodeState, NodeType } from "@zeekbus/contracts";
import type { LifecyclePolicy } from "./policy.js";

/** The node a machine models. */
export interface NodeRef {
  name: string;
  type: NodeType;
}

/** A running process: its pid and start time (ms since the epoch). */
export interface ProcessInfo {
  pid: number;
  startedAt: number;
}

/** How the most recent process ended. */
export interface LastExit {
  /** Exit code, or null when killed by a signal or when unknown. */
  code: number | null;
  /** Signal name (e.g. "SIGKILL"), or null. */
  signal: string | null;
  /** When the exit was seen (ms since the epoch). */
  at: number;
  /** How long the process had run: `at - startedAt` (0 when the start time is unknown). */
  ranMs: number;
  /** The process that ended, when known. */
  pid?: number;
}

/** Machine input. */
export interface NodeMachineInput {
  node: NodeRef;
  /** Overrides of `DEFAULT_POLICY`. */
  policy?: Partial<LifecyclePolicy>;
  /** A process the supervisor found and verified on boot: the machine starts in `running`. */
  adopted?: ProcessInfo;
}

/** Machine context. */
export interface NodeContext {
  node: NodeRef;
  policy: LifecyclePolicy;
  /** Pid of the current process; cleared when it exits. */
  pid?: number;
  /** Start time of the current process (ms since the epoch); cleared when it exits. */
  startedAt?: number;
  /** Consecutive automatic restarts since the last healthy reset. */
  attempt: number;
  /** Exit times (outside a requested stop) inside the quarantine window. */
  crashTimes: number[];
  /** Total automatic restarts. */
  restarts: number;
  lastExit?: LastExit;
  /** Outcome of the last stop: "stopped" or "crashed during shutdown". */
  stopReason?: string;
  /** Why the node could not be installed or started. */
  failure?: string;
  /** Set by RESTART: start again once the stopping process has exited. */
  restartAfterStop: boolean;
  /** State the node was in when its host was lost; consulted when the host comes back. */
  lostFrom?: NodeState;
}

/** Events the supervisor sends. */
export type NodeMachineEvent =
  | { type: "INSTALL" }
  | { type: "INSTALLED" }
  | { type: "INSTALL_FAILED"; error: string | Error }
  | { type: "START" }
  | { type: "STOP"; reason?: string }
  | { type: "RESTART" }
  | { type: "UNQUARANTINE" }
  | { type: "PROCESS_EXITED"; code: number | null; signal: string | null; at: number }
  | { type: "HOST_LOST" }
  | { type: "ADOPTED"; pid: number; startedAt: number }
  | { type: "HOST_BACK_EMPTY"; at?: number };

/** Input of the `spawnNode` actor. */
export interface SpawnInput {
  node: NodeRef;
}

/** Input of the `waitReady` and `waitRejoin` actors. */
export interface ProcessInput {
  node: NodeRef;
  pid: number;
}

/** Params of the `emitEvent` action. */
export interface EmitParams {
  event: NodeEventName;
  /** Why, in words, when there is more to say than the event name. */
  reason?: string;
}

/** Params of the `persist` action: the top-level state just entered. */
export interface PersistParams {
  state: NodeState;
}

/** Params of the `signalTerm` and `signalKill` actions. */
export interface SignalParams {
  pid: number | undefined;
  /** The STOP reason, when the operator gave one. */
  reason?: string;
}
