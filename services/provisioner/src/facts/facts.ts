/** The `facts` verb: collect each host's facts and store them in the hosts bucket (compare-and-set). */
import type { Bus, TypedKv } from "@zeekbus/bus";
import {
  type FactsReply,
  type HostFacts,
  type HostFactsOutcome,
  type HostTarget,
  hostKey,
} from "@zeekbus/contracts";
import type { Logger } from "@zeekbus/log";
import { probeAgent } from "../bootstrap/probe.js";
import type { OutcomeEvents } from "../events/publish.js";
import { addressOf, type HostAccess } from "../hosts/access.js";
import { hostError } from "../hosts/errors.js";
import { HOST_CONCURRENCY, logFailures, mapBounded, refuseDuplicateHosts } from "../hosts/fan-out.js";
import { collectFacts } from "./collect.js";

/** What the facts handler needs. */
export interface FactsDeps {
  bus: Bus;
  access: HostAccess;
  hosts: TypedKv<typeof HostFacts>;
  prefix: string;
  log: Logger;
}

async function factsOf(deps: FactsDeps, cluster: string, target: HostTarget): Promise<HostFactsOutcome> {
  const address = addressOf(target);
  try {
    const [collected, agent] = await Promise.all([
      collectFacts(deps.access.exec(address), { host: target.host, address }, deps.prefix),
      probeAgent(deps.bus, cluster, target.host),
    ]);
    const facts: HostFacts = agent.version ? { ...collected, agentVersion: agent.version } : collected;
    await deps.hosts.modify(hostKey(cluster, target.host), () => facts);
    deps.log.debug({ host: target.host }, "facts collected");
    return { host: target.host, outcome: "collected", facts };
  } catch (err) {
    const e = hostError(err, target.host, address);
    deps.log.debug({ host: target.host, code: e.code }, e.message);
    return { host: target.host, outcome: "facts_failed", error: e.message };
  }
}

/**
 * Collects the requested hosts in parallel, {@link HOST_CONCURRENCY} at a time; one failing host
 * does not affect the others. Each outcome is published as a host event as soon as it is known.
 * A host named twice is a ValidationError on `hosts`.
 */
export async function handleFacts(
  deps: FactsDeps,
  events: OutcomeEvents,
  cluster: string,
  hosts: HostTarget[],
): Promise<FactsReply> {
  refuseDuplicateHosts(hosts);
  const results = await mapBounded(hosts, HOST_CONCURRENCY, async (t) =>
    events.facts(await factsOf(deps, cluster, t)),
  );
  logFailures(
    deps.log,
    "facts",
    hosts.length,
    results.flatMap((r) => (r.outcome === "facts_failed" ? [{ name: r.host, error: r.error }] : [])),
  );
  return { results };
}
