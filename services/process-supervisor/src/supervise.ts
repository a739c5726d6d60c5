/** Wires a host supervisor to the bus: facts out, agent endpoints in, heartbeats, adoption. */
import { type ServiceContext, startService } from "@zeekbus/bus";
import { withContext } from "@zeekbus/log";
import { agentEndpoints } from "./agent/endpoints.js";
import type { SupervisorEnv } from "./config.js";
import { startHeartbeat } from "./heartbeat/heartbeat.js";
import { FactPublisher } from "./heartbeat/publisher.js";
import { HostSupervisor } from "./node/supervisor.js";
import { LocalStore } from "./state/local-store.js";

export const SUPERVISOR_VERSION = "0.1.0";

/** Starts supervising; returns the function that stops supervising (zeek processes keep running). */
export async function supervise(ctx: ServiceContext, env: SupervisorEnv): Promise<() => Promise<void>> {
  const cluster = ctx.env.ZEEKBUS_CLUSTER;
  const host = env.ZEEKBUS_HOST;
  const log = withContext(ctx.log, { host });
  const facts = await FactPublisher.open(ctx.bus, cluster, log, ctx.env.ZEEKBUS_KV_REPLICAS);
  const sup = new HostSupervisor({
    host,
    policy: env.ZEEKBUS_POLICY,
    readyTimeoutMs: env.ZEEKBUS_READY_TIMEOUT_MS,
    rejoinTimeoutMs: env.ZEEKBUS_REJOIN_TIMEOUT_MS,
    store: new LocalStore(env.ZEEKBUS_STATE_DIR),
    sinks: {
      event: (name, data) => {
        withContext(log, { node: data.node }).info({ event: name, pid: data.pid }, `node ${name}`);
        facts.event(name, data);
      },
      persist: (observed) => facts.observed(observed),
      transition: (data) => facts.transition(data),
      warn: (message, fields) => log.warn(fields ?? {}, message),
    },
  });
  const adoption = sup.adoptRecorded();
  log.info(adoption, "adoption after start");
  const service = await startService(ctx.bus, {
    name: "process-supervisor",
    version: SUPERVISOR_VERSION,
    description: `zeek process supervisor of host ${host}`,
    metadata: { host, cluster },
    queue: "",
    endpoints: agentEndpoints(sup, ctx.bus.subjects, cluster, host, SUPERVISOR_VERSION),
  });
  const stopBeat = startHeartbeat(ctx.bus, sup, cluster, host, SUPERVISOR_VERSION);
  return async () => {
    stopBeat();
    await service.stop();
    sup.detach();
    await facts.flush();
  };
}
