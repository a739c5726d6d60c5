/**
 * Observed state of one node, as its host's supervisor last saw it: the value of
 * `zeekbus_observed` key `<cluster>.<host>.<node>`. Single writer: the owning supervisor.
 */
import { z } from "zod";
import { NodeType, SafeName } from "./node-spec.js";
import { NodeState } from "./node-state.js";

export const ObservedNode = z
  .object({
    node: SafeName,
    host: SafeName,
    type: NodeType,
    /** Current lifecycle state. */
    state: NodeState,
    /** Process id while a process exists. */
    pid: z.number().int().positive().optional(),
    /** Start time of the process (ms since epoch). */
    startedAt: z.number().optional(),
    /** Automatic restarts so far. */
    restarts: z.number().int().min(0),
    /** Crashes inside the quarantine window. */
    crashes: z.number().int().min(0),
    /** Last failure or stop reason in words. */
    reason: z.string().optional(),
    /** The lifecycle machine's persisted snapshot (xstate `getPersistedSnapshot`). */
    snapshot: z.unknown().describe("Persisted lifecycle machine snapshot"),
    /** ISO time of this write. */
    updatedAt: z.string(),
  })
  .strict();
export type ObservedNode = z.infer<typeof ObservedNode>;
