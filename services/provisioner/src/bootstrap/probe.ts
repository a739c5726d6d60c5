/** Whether a host's agent answers on the agent plane, and its version. */
import type { Bus } from "@zeekbus/bus";
import { AgentClient } from "@zeekbus/process-supervisor/client";

/** What a probe found: `answers` false when no agent replied to status. */
export interface AgentProbe {
  answers: boolean;
  version?: string;
}

/** Asks the agent of (cluster, host) for its status; cheap when there is none (the bus answers "no responders" at once). */
export async function probeAgent(
  bus: Bus,
  cluster: string,
  host: string,
  statusTimeoutMs = 1000,
): Promise<AgentProbe> {
  try {
    const reply = await new AgentClient(bus, cluster, host).status([], statusTimeoutMs);
    return reply.agentVersion ? { answers: true, version: reply.agentVersion } : { answers: true };
  } catch {
    return { answers: false };
  }
}
