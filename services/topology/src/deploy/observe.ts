/** What the hosts' agents report: each node's state by host, and the hosts whose agent did not answer. */
import type { Bus } from "@zeekbus/bus";
import type { NodeState } from "@zeekbus/contracts";
import { AgentClient } from "@zeekbus/process-supervisor/client";

/** Node states by host, then node name. */
export type Observed = Map<string, Map<string, NodeState>>;

/** Asks every host's agent for its nodes' states, in parallel. */
export async function observeHosts(
  bus: Bus,
  cluster: string,
  hosts: readonly string[],
): Promise<{ observed: Observed; unreachable: { host: string; error: string }[] }> {
  const observed: Observed = new Map();
  const unreachable: { host: string; error: string }[] = [];
  await Promise.all(
    hosts.map(async (host) => {
      try {
        const reply = await new AgentClient(bus, cluster, host).status();
        observed.set(host, new Map(reply.nodes.map((n) => [n.name, n.state])));
      } catch (err) {
        unreachable.push({ host, error: (err as Error).message });
      }
    }),
  );
  return { observed, unreachable };
}
