/**
 * Event plane: facts in the past tense on `<root>.evt.<cluster>.node.<event>.<node>`,
 * stored in the events stream. Published by the node's host supervisor only.
 */
import { z } from "zod";
import { defineMessage } from "./envelope.js";
import { AbsolutePath, Count, ExitCode, Pid, ShortText, Text } from "./limits.js";
import { HostName, NodeName, NodeType } from "./node-spec.js";
import { NodeState } from "./node-state.js";

/** Lifecycle events of a node. */
export const NODE_EVENTS = [
  "starting",
  "running",
  "exited",
  "crashed",
  "restarted",
  "quarantined",
  "stopped",
  "failed",
] as const;
export type NodeEventName = (typeof NODE_EVENTS)[number];

/** Payload of every node lifecycle event. */
export const NodeEventData = z
  .object({
    /** Node name. */
    node: NodeName,
    /** Host the node runs on. */
    host: HostName,
    /** Cluster role. */
    type: NodeType,
    /** State entered. */
    state: NodeState,
    /** State left. */
    previous: NodeState.optional(),
    /** Process id (current, or of the process that ended). */
    pid: Pid.optional(),
    /** Exit code when the process exited (0–255). */
    exitCode: ExitCode.optional(),
    /** Signal name when the process was killed by a signal. */
    signal: ShortText.optional(),
    /** Why, in words (e.g. "zeek binary not found"). */
    reason: Text.optional(),
    /** Automatic restarts so far. */
    restarts: Count.optional(),
    /** Directory of the crash report kept for this crash. */
    crashReport: AbsolutePath.optional(),
  })
  .strict();
export type NodeEventData = z.infer<typeof NodeEventData>;

/**
 * Every state change of a node, including the ones without a lifecycle event of their own
 * (backoff, restarting, rejoining, stopping …): `<root>.evt.<cluster>.node.transition.<node>`
 * with `state` and `previous`. The named events above are the facts to act on; transitions
 * are the complete record.
 */
export const NodeTransition = defineMessage("evt", "node.transition", NodeEventData);

/** Message definitions for each node event, by event name. */
export const NodeEvents = Object.fromEntries(
  NODE_EVENTS.map((name) => [name, defineMessage("evt", `node.${name}`, NodeEventData)]),
) as Record<NodeEventName, ReturnType<typeof defineMessage<typeof NodeEventData>>>;
