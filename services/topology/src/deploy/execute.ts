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

const GERUND = { stop: "stopping", start: "starting", restart: "restarting" } as const;

/** zeekctl's `starting workers ...` line(s) for a batch: one per verb in it. */
function announce(phase: RolloutPhase, batch: RolloutCommand[], progress: Progress): void {
  for (const verb of new Set(batch.map((c) => c.verb))) {
    const type = batch.flatMap((c) => (c.verb === verb && c.verb !== "stop" ? c.specs : []))[0]?.type;
    const what = phase.tier === "stop" ? "removed nodes" : (TIER_WORD[phase.tier] ?? type ?? phase.tier);
    progress.line(verb, "started", `${GERUND[verb]} ${what} ...`);
  }
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
      announce(phase, batch, progress);
      const results = await Promise.all(
        batch.map(async (cmd) => {
          const done = await runCommand(bus, cluster, revision, cmd);
          return done.map((o) => ({ verb: cmd.verb, outcome: { ...o, host: cmd.host } }));
        }),
      );
      const flat = results.flat();
      for (const { verb, outcome: o } of flat) {
        const status = FAILED.has(o.outcome) ? "failed" : "ok";
        progress.line(verb, status, describe(o), { host: o.host, node: o.node });
      }
      outcomes.push(...flat.map((r) => r.outcome));
      const failed = flat.filter((r) => FAILED.has(r.outcome.outcome));
      if (failed.length > 0) {
        const step = failed[0]!.verb;
        return {
          outcomes,
          failure: {
            step,
            message: `${failed.length} node(s) failed to ${step}: ${failed.map((r) => describe(r.outcome)).join("; ")}`,
            failed: failed.map((r) => r.outcome.node),
            crashReports: failed.flatMap((r) => (r.outcome.crashReport ? [r.outcome.crashReport] : [])),
          },
        };
      }
    }
  }
  return { outcomes };
}
