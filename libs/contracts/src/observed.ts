/**
 * Observed state of one node, as its host's supervisor last saw it: the value of
 * `zeekbus_observed` key `<cluster>.<host>.<node>`. Single writer: the owning supervisor.
 */
import { z } from "zod";
import { Count, EpochMs, IsoTime, Pid, Text } from "./limits.js";
import { HostName, NodeName, NodeType } from "./node-spec.js";
import { NodeState } from "./node-state.js";

export const ObservedNode = z
  .object({
    node: NodeName,
    host: HostName,
    type: NodeType,
    /** Current lifecycle state. */
    state: NodeState,
    /** Process id while a process exists. */
    pid: Pid.optional(),
    /** Start time of the process (ms since epoch). */
    startedAt: EpochMs.optional(),
    /** Automatic restarts so far. */
    restarts: Count,
    /** Crashes inside the quarantine window. */
    crashes: Count,
    /** Last failure or stop reason in words. */
    reason: Text.optional(),
    /** The lifecycle machine's persisted snapshot (xstate `getPersistedSnapshot`). */
    snapshot: z.unknown().describe("Persisted lifecycle machine snapshot"),
    /** ISO time of this write. */
    updatedAt: IsoTime,
  })
  .strict();
export type ObservedNode = z.infer<typeof ObservedNode>;
