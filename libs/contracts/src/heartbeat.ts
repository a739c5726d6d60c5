/** Heartbeat plane: each supervisor publishes on `<root>.hb.<cluster>.<host>` every second. */
import { z } from "zod";
import { NodeStatus } from "./agent.js";
import { defineMessage } from "./envelope.js";
import { MAX_CLUSTER_NODES, MAX_UPTIME_S, ShortText } from "./limits.js";
import { HostName } from "./node-spec.js";

/** Heartbeat payload: the host's supervisor and every node it owns. */
export const Heartbeat = defineMessage(
  "hb",
  "heartbeat",
  z
    .object({
      /** Host name as in node.cfg. */
      host: HostName,
      /** Version of the supervisor sending it. */
      agentVersion: ShortText,
      /** Seconds since the supervisor started (at most a century). */
      uptimeS: z.number().min(0).max(MAX_UPTIME_S),
      /** Nodes of this host with their states. */
      nodes: z.array(NodeStatus).max(MAX_CLUSTER_NODES),
    })
    .strict(),
);

/** Expected interval between heartbeats, in milliseconds. */
export const HEARTBEAT_INTERVAL_MS = 1000;
