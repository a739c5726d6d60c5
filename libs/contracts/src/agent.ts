/**
 * Agent plane: request/reply to one host's process supervisor on
 * `<root>.agent.<cluster>.<host>.<verb>`. Each command names the events it leads to.
 */
import { z } from "zod";
import { defineMessage } from "./envelope.js";
import {
  AbsolutePath,
  Count,
  IsoTime,
  MAX_CLUSTER_NODES,
  MAX_STOP_TIMEOUT_MS,
  Pid,
  ShortText,
  Text,
} from "./limits.js";
import { HostName, NodeName, NodeSpec, NodeType } from "./node-spec.js";
import { NodeState } from "./node-state.js";

/** Node names a command applies to; empty means every node of the host. */
const NodeNames = z
  .array(NodeName)
  .max(MAX_CLUSTER_NODES)
  .default([])
  .describe("Node names; empty = every node on the host");

/** Per-node result of a command. */
export const NodeOutcome = z
  .object({
    /** Node name. */
    node: NodeName,
    /** The outcome event name, e.g. `started` or `start_failed`. */
    outcome: ShortText.describe("Outcome event name"),
    /** Host of the node (set by the rollout, which talks to many hosts). */
    host: HostName.optional(),
    /** Process id when the node runs. */
    pid: Pid.optional(),
    /** Human-readable reason when the command failed for this node. */
    error: Text.optional(),
    /** Directory of the crash report of the failed start, when one was kept. */
    crashReport: AbsolutePath.optional(),
    /**
     * For a worker started with `waitRejoin`: `packets` (it receives packets), `no_traffic` (its
     * link is quiet, nothing to wait for) or `unconfirmed` (no packets within the rejoin timeout).
     */
    rejoin: z.enum(["packets", "no_traffic", "unconfirmed"]).optional(),
  })
  .strict();
export type NodeOutcome = z.infer<typeof NodeOutcome>;

/** Reply shared by start/stop/restart: one outcome per node, in the order handled. */
export const CommandReply = z.object({ results: z.array(NodeOutcome).max(MAX_CLUSTER_NODES) }).strict();
export type CommandReply = z.infer<typeof CommandReply>;

/** `start`: run these node specs (loggers → manager → proxies → workers). */
export const AgentStart = defineMessage(
  "agent",
  "start",
  z
    .object({
      /** The specs to run; each must name this host. */
      specs: z.array(NodeSpec).min(1).max(MAX_CLUSTER_NODES).describe("Node specs to run on this host"),
      /** Desired revision the specs come from, if any. */
      revision: Count.optional(),
      /** Workers only: after RUNNING, wait until packets flow (or the link is quiet) before replying. */
      waitRejoin: z.boolean().default(false).describe("Workers: reply only once they receive packets"),
    })
    .strict(),
);
/** Events a start leads to, per node. */
export const START_OUTCOMES = ["started", "start_failed", "already_running"] as const;

/**
 * `stop`: SIGTERM, wait for TERMINATED up to the timeout, then SIGKILL (reverse order). The
 * timeout is at most {@link MAX_STOP_TIMEOUT_MS} (one hour).
 */
export const AgentStop = defineMessage(
  "agent",
  "stop",
  z
    .object({
      nodes: NodeNames,
      /** Override of the stop timeout in milliseconds (1 ms to one hour). */
      timeoutMs: z
        .number()
        .int()
        .min(1)
        .max(MAX_STOP_TIMEOUT_MS)
        .optional()
        .describe("Stop timeout override (ms, at most one hour)"),
    })
    .strict(),
);
export const STOP_OUTCOMES = ["stopped", "not_running", "crashed_during_shutdown", "stop_failed"] as const;

/** `restart`: stop then start the named nodes. */
export const AgentRestart = defineMessage("agent", "restart", z.object({ nodes: NodeNames }).strict());
export const RESTART_OUTCOMES = ["restarted", "restart_failed"] as const;

/** `unquarantine`: let a quarantined node start again. */
export const AgentUnquarantine = defineMessage(
  "agent",
  "unquarantine",
  z.object({ node: NodeName }).strict(),
);
export const UNQUARANTINE_OUTCOMES = ["unquarantined"] as const;

/** Reply to `unquarantine`: the state the node reached. */
export const UnquarantineReply = z
  .object({
    node: NodeName,
    /** State after the node was let out (normally `running`). */
    state: NodeState,
  })
  .strict();
export type UnquarantineReply = z.infer<typeof UnquarantineReply>;

/** `status`: the supervisor's view of its nodes. */
export const AgentStatus = defineMessage("agent", "status", z.object({ nodes: NodeNames }).strict());

/** One node in a status reply or heartbeat. */
export const NodeStatus = z
  .object({
    name: NodeName,
    type: NodeType,
    state: NodeState,
    /** Process id while a process exists. */
    pid: Pid.optional(),
    /** ISO time the current process started. */
    startedAt: IsoTime.optional(),
    /** Automatic restarts since the last operator start. */
    restarts: Count,
    /** Crashes counted in the quarantine window. */
    crashes: Count,
  })
  .strict();
export type NodeStatus = z.infer<typeof NodeStatus>;

/** Reply to `status`. */
export const StatusReply = z
  .object({
    host: HostName,
    nodes: z.array(NodeStatus).max(MAX_CLUSTER_NODES),
    /** Version of the answering agent (process supervisor). */
    agentVersion: ShortText.optional(),
  })
  .strict();
export type StatusReply = z.infer<typeof StatusReply>;
