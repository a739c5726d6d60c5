/** Whether a host's agent answers on the agent plane, and its version (from its heartbeat). */
import { type Bus, decodeJson } from "@zeekbus/bus";
import { Heartbeat } from "@zeekbus/contracts";
import { AgentClient } from "@zeekbus/process-supervisor/client";

/** What a probe found: `answers` false when no agent replied to status. */
export interface AgentProbe {
  answers: boolean;
  version?: string;
}

/**
 * Asks the agent of (cluster, host) for its status; when it answers, reads its version from its
 * next heartbeat (one per second). Cheap when there is none: the bus reports "no responders" at once.
 */
export async function probeAgent(
  bus: Bus,
  cluster: string,
  host: string,
  statusTimeoutMs = 1000,
  heartbeatTimeoutMs = 1500,
): Promise<AgentProbe> {
  const sub = bus.nc.subscribe(bus.subjects.hb(cluster, host), { max: 1, timeout: heartbeatTimeoutMs });
  const version = (async () => {
    for await (const msg of sub) {
      const parsed = Heartbeat.envelope.safeParse(decodeJson(msg));
      if (parsed.success) return parsed.data.data.agentVersion || undefined;
    }
    return undefined;
  })().catch(() => undefined);
  const answers = await new AgentClient(bus, cluster, host)
    .status([], statusTimeoutMs)
    .then(() => true)
    .catch(() => false);
  if (!answers) sub.unsubscribe();
  const v = await version;
  return answers && v ? { answers, version: v } : { answers };
}
