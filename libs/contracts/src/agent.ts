/**
 * Agent plane: request/reply to one host's process supervisor on
 * `<root>.agent.<cluster>.<host>.<verb>`. Each command names the events it leads to.
 */
import { z } from "zod";
import { defineMessage } from "./envelope.js";
import { NodeSpec, NodeType, SafeName } from "./node-spec.js";
import { NodeState } from "./node-state.js";

/** Node names a command applies to; empty means every node of the host. */
const NodeNames = z.array(SafeName).default([]).describe("Node names; empty = every node on the host");

/** Per-node result of a command. */
export const NodeOutcome = z
  .object({
    /** Node name. */
    node: SafeName,
    /** The outcome event name, e.g. `started` or `start_failed`. */
    outcome: z.string().describe("Outcome event name"),
    /** Host of the node (set by the rollout, which talks to many hosts). */
    host: SafeName.optional(),
    /** Process id when the node runs. */
    pid: z.number().int().positive().optional(),
    /** Human-readable reason when the command failed for this node. */
    error: z.string().optional(),
    /** Directory of the crash report of the failed start, when one was kept. */
    crashReport: z.string().optional(),
    /**
     * For a worker started with `waitRejoin`: `packets` (it receives packets), `no_traffic` (its
     * link is quiet, nothing to wait for) or `unconfirmed` (no packets within the rejoin timeout).
     */
    rejoin: z.enum(["packets", "no_traffic", "unconfirmed"]).optional(),
  })
  .strict();
export type NodeOutcome = z.infer<typeof NodeOutcome>;

/** Reply shared by start/stop/restart: one outcome per node, in the order handled. */
export const CommandReply = z.object({ results: z.array(NodeOutcome) }).strict();
export type CommandReply = z.infer<typeof CommandReply>;

/** `start`: run these node specs (loggers → manager → proxies → workers). */
export const AgentStart = defineMessage(
  "agent",
  "start",
  z
    .object({
      /** The specs to run; each must name this host. */
      specs: z.array(NodeSpec).min(1).describe("Node specs to run on this host"),
      /** Desired revision the specs come from, if any. */
      revision: z.number().int().min(0).optional(),
      /** Workers only: after RUNNING, wait until packets flow (or the link is quiet) before replying. */
      waitRejoin: z.boolean().default(false).describe("Workers: reply only once they receive packets"),
    })
    .strict(),
);
/** Events a start leads to, per node. */
export const START_OUTCOMES = ["started", "start_failed", "already_running"] as const;

/** `stop`: SIGTERM, wait for TERMINATED up to the timeout, then SIGKILL (reverse order). */
export const AgentStop = defineMessage(
  "agent",
  "stop",
  z
    .object({
      nodes: NodeNames,
      /** Override of the stop timeout in milliseconds. */
      timeoutMs: z.number().int().positive().optional().describe("Stop timeout override (ms)"),
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
  z.object({ node: SafeName }).strict(),
);
export const UNQUARANTINE_OUTCOMES = ["unquarantined"] as const;

/** Reply to `unquarantine`: the state the node reached. */
export const UnquarantineReply = z
  .object({
    node: SafeName,
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
    name: SafeName,
    type: NodeType,
    state: NodeState,
    /** Process id while a process exists. */
    pid: z.number().int().positive().optional(),
    /** ISO time the current process started. */
    startedAt: z.string().optional(),
    /** Automatic restarts since the last operator start. */
    restarts: z.number().int().min(0),
    /** Crashes counted in the quarantine window. */
    crashes: z.number().int().min(0),
  })
  .strict();
export type NodeStatus = z.infer<typeof NodeStatus>;

/** Reply to `status`. */
export const StatusReply = z
  .object({
    host: SafeName,
    nodes: z.array(NodeStatus),
    /** Version of the answering agent (process supervisor). */
    agentVersion: z.string().optional(),
  })
  .strict();
export type StatusReply = z.infer<typeof StatusReply>;
