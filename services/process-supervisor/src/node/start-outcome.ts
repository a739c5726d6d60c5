/**
 * What a start answers for one node once its runner settled: `started` (for a worker asked to
 * wait, with how it rejoined) or `start_failed` with the crash report kept for the failing process.
 */
import type { NodeOutcome, NodeState } from "@zeekbus/contracts";
import type { NodeRunner } from "./runner.js";

/** How a worker started with `waitRejoin` rejoined. */
export type Rejoin = NonNullable<NodeOutcome["rejoin"]>;

/**
 * Waits until the running worker receives packets or its link is quiet; `unconfirmed` when the
 * wait timed out, the node has no metrics port, or the process left `running` meanwhile.
 */
export async function confirmRejoin(runner: NodeRunner): Promise<Rejoin> {
  const seen = await runner.effects.waitRejoin().catch(() => "unconfirmed");
  if (runner.state !== "running") return "unconfirmed";
  return seen === "packets" || seen === "no_traffic" ? seen : "unconfirmed";
}

/** The outcome of a start that settled in `state`. */
export async function startOutcome(
  runner: NodeRunner,
  state: NodeState,
  waitRejoin: boolean,
): Promise<NodeOutcome> {
  const node = runner.spec.name;
  if (state === "running") {
    const rejoin = waitRejoin && runner.spec.type === "worker" ? await confirmRejoin(runner) : undefined;
    const pid = runner.status().pid;
    return { node, outcome: "started", ...(pid ? { pid } : {}), ...(rejoin ? { rejoin } : {}) };
  }
  const failure = runner.actor.getSnapshot().context.failure;
  const crashReport = runner.crashReport;
  return {
    node,
    outcome: "start_failed",
    error: failure ?? `node is ${state}`,
    ...(crashReport ? { crashReport } : {}),
  };
}
