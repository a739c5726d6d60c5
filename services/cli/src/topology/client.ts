/** Talking to the topology service from the command line. */
import { type Bus, request } from "@zeekbus/bus";
import { DesiredState, TopologyGet } from "@zeekbus/contracts";
import type { GlobalOptions } from "../program.js";

/** Subject of a topology verb of the selected cluster. */
export function topologySubject(bus: Bus, g: GlobalOptions, verb: string): string {
  return bus.subjects.api(g.cluster, "topology", verb);
}

/** Timeout of topology requests: building a large cluster and resolving its hosts takes a moment. */
export const TOPOLOGY_TIMEOUT_MS = 15_000;

/** The current desired state (NotFound before the first apply). */
export function fetchDesired(bus: Bus, g: GlobalOptions): Promise<DesiredState> {
  return request(bus, topologySubject(bus, g, "get"), TopologyGet, g.cluster, {}, DesiredState, {
    timeoutMs: TOPOLOGY_TIMEOUT_MS,
  });
}
