/**
 * Runs a planned rollout: phase by phase (a tier's nodes reach RUNNING before the next tier
 * starts), batch by batch, the commands of a batch in parallel. A `restart` is a stop followed by
 * a start with the new spec (workers waiting for rejoin). The first batch with a failed node ends
 * the rollout: later tiers are not touched.
 */
import type { Bus } from "@zeekbus/bus";
import type { DeployFailure, NodeOutcome } from "@zeekbus/contracts";
import { AgentClient } from "@zeekbus/process-supervisor/client";
import type { RolloutCommand, RolloutPhase } from "@zeekbus/topology-model";
import type { Progress } from "./progress.js";

const FAILED = new Set(["start_failed", "restart_failed", "stop_failed"]);
const TIER_WORD: Record<string, string> = { worker: "workers" };

/** What a rollout did. */
export interface RolloutResult {
  outcomes: NodeOutcome[];
  failure?: DeployFailure;
}

function namesOf(cmd: RolloutCommand): string[] {
  return cmd.verb === "stop" ? cmd.nodes : cmd.specs.map((s) => s.name);
}

async function runCommand(
  bus: Bus,
  cluster: string,
  revision: number,
  cmd: RolloutCommand,
): Promise<NodeOutcome[]> {
  const agent = new AgentClient(bus, cluster, cmd.host);
  try {
    if (cmd.verb === "stop") return (await agent.stop(cmd.nodes)).results;
    if (cmd.verb === "restart") {
      const stopped = (await agent.stop(namesOf(cmd))).results.filter((o) => FAILED.has(o.outcome));
      if (stopped.length > 0) return stopped.map((o) => ({ ...o, outcome: "restart_failed" }));
    }
    const started = await agent.start(cmd.specs, { revision, waitRejoin: cmd.waitRejoin });
    if (cmd.verb === "start") return started.results;
    return started.results.map((o) => ({
      ...o,
      outcome: o.outcome === "start_failed" ? "restart_failed" : "restarted",
    }));
  } catch (err) {
    const error = `host ${cmd.host}: ${(err as Error).message}`;
    return namesOf(cmd).map((node) => ({ node, outcome: `${cmd.verb}_failed`, error }));
  }
}

function describe(o: NodeOutcome): string {
  const pid = o.pid ? ` (pid ${o.pid})` : "";
  const rejoin = o.rejoin ? `, rejoin: ${o.rejoin}` : "";
  return FAILED.has(o.outcome)
    ? `${o.node} ${o.outcome}: ${o.error ?? "unknown error"}`
    : `${o.node} ${o.outcome}${pid}${rejoin}`;
}

/** Runs `phases` against the hosts' agents, publishing a line per tier and per node. */
export async function runRollout(
  bus: Bus,
  cluster: string,
  revision: number,
  phases: RolloutPhase[],
  progress: Progress,
): Promise<RolloutResult> {
  const outcomes: NodeOutcome[] = [];
  for (const phase of phases) {
    for (const batch of phase.batches) {
      const verb = batch[0]?.verb ?? "start";
      const step = verb === "stop" ? "stop" : verb;
      const types = [...new Set(batch.flatMap((c) => (c.verb === "stop" ? [] : c.specs.map((s) => s.type))))];
      const what =
        phase.tier === "stop" ? "removed nodes" : (TIER_WORD[phase.tier] ?? types[0] ?? phase.tier);
      progress.line(
        step,
        "started",
        `${verb === "stop" ? "stopping" : verb === "restart" ? "restarting" : "starting"} ${what} ...`,
      );
      const results = await Promise.all(
        batch.map(async (cmd) =>
          (await runCommand(bus, cluster, revision, cmd)).map((o) => ({ ...o, host: cmd.host })),
        ),
      );
      batch.forEach((cmd, i) => {
        for (const o of results[i] ?? []) {
          progress.line(step, FAILED.has(o.outcome) ? "failed" : "ok", describe(o), {
            host: cmd.host,
            node: o.node,
          });
        }
      });
      const flat = results.flat();
      outcomes.push(...flat);
      const failed = flat.filter((o) => FAILED.has(o.outcome));
      if (failed.length > 0) {
        return {
          outcomes,
          failure: {
            step,
            message: `${failed.length} node(s) failed to ${verb}: ${failed.map(describe).join("; ")}`,
            failed: failed.map((o) => o.node),
            crashReports: failed.flatMap((o) => (o.crashReport ? [o.crashReport] : [])),
          },
        };
      }
    }
  }
  return { outcomes };
}
