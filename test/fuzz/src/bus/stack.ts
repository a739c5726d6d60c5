/**
 * The cluster a bus fuzz runs against, whichever way it was brought up (lab or this machine):
 * the bus, the deployed revision's nodes, the watched service processes, and the deploy that
 * started it all through topology's `deploy`, as an operator's `zeekbus deploy` does.
 */
import { type Bus, discoverServices, request } from "@zeekbus/bus";
import { DeployReply, DesiredState, TopologyDeploy, TopologyGet } from "@zeekbus/contracts";
import { eventually } from "@zeekbus/test-harness";
import type { BaseContext } from "./bases.js";
import type { WatchedProcess } from "./procs.js";

/** A running cluster under fuzz. */
export interface FuzzStack {
  mode: "lab" | "local";
  bus: Bus;
  cluster: string;
  /** Hosts that run a supervisor (as node.cfg writes them). */
  hosts: string[];
  ctx: BaseContext;
  /** topology, provisioner and every host's supervisor. */
  services: WatchedProcess[];
  teardown(): Promise<void>;
}

/** Waits until topology and provisioner serve (their `$SRV.INFO` answers); names the log on failure. */
export async function waitServing(bus: Bus, logDir: string): Promise<void> {
  await eventually(
    async () => {
      const names = new Set((await discoverServices(bus)).map((s) => s.name));
      return names.has("topology") && names.has("provisioner");
    },
    { timeoutMs: 20_000, intervalMs: 200, what: `topology and provisioner serving (logs in ${logDir})` },
  );
}

/** Deploys `files` (zeekctl etc/) and `site`, then reads the stored revision's nodes. */
export async function deployCluster(
  bus: Bus,
  cluster: string,
  files: Record<string, string>,
  site: Record<string, string>,
): Promise<DesiredState> {
  const data = { source: { format: "zeekctl" as const, files }, site, deployId: "fuzz-setup" };
  const reply = await request(
    bus,
    bus.subjects.api(cluster, "topology", "deploy"),
    TopologyDeploy,
    cluster,
    data,
    DeployReply,
    {
      timeoutMs: 240_000,
    },
  );
  if (reply.outcome !== "deployed") {
    throw new Error(
      `setup deploy ended ${reply.outcome}: ${reply.failure?.step} ${reply.failure?.message ?? ""}`,
    );
  }
  return request(bus, bus.subjects.api(cluster, "topology", "get"), TopologyGet, cluster, {}, DesiredState);
}

/** The base context of a deployed revision. */
export function contextOf(
  state: DesiredState,
  site: Record<string, string>,
  factsHost: BaseContext["factsHost"],
): BaseContext {
  return { specs: state.nodes, source: state.source, site, factsHost };
}
