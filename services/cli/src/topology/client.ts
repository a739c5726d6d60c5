/** Talking to the topology service from the command line. */
import { type Bus, connectBus, request } from "@zeekbus/bus";
import { DesiredState, TopologyGet } from "@zeekbus/contracts";
import { createLogger } from "@zeekbus/log";
import type { GlobalOptions } from "../program.js";

/** Connects for one verb, runs `fn` and closes. */
export async function withBus<T>(g: GlobalOptions, fn: (bus: Bus) => Promise<T>): Promise<T> {
  const logger = createLogger({ name: "zeekbus-cli", level: process.env.ZEEKBUS_LOG_LEVEL ?? "warn" });
  const bus = await connectBus({
    servers: g.nats.split(","),
    name: "zeekbus-cli",
    ...(process.env.ZEEKBUS_ROOT ? { root: process.env.ZEEKBUS_ROOT } : {}),
    logger,
  });
  try {
    return await fn(bus);
  } finally {
    await bus.close();
  }
}

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
