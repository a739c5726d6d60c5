/**
 * Node lifecycle vocabulary shared by the lifecycle machine, the supervisor, events and
 * status output. Names follow Zeek/zeekctl words where they exist.
 */
import { z } from "zod";

/** Every state of the node machine (docs/architecture.md, "Node lifecycle"). */
export const NodeState = z
  .enum([
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
    "unknown",
  ])
  .describe("Lifecycle state of a node");
export type NodeState = z.infer<typeof NodeState>;
