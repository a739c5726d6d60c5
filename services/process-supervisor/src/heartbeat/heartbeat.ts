/** The host's heartbeat: every second, the supervisor and every node it owns. */
import type { Bus } from "@zeekbus/bus";
import { encodeJson } from "@zeekbus/bus";
import { envelope, HEARTBEAT_INTERVAL_MS, Heartbeat } from "@zeekbus/contracts";
import type { HostSupervisor } from "../node/supervisor.js";

/** Starts publishing heartbeats; returns the function that stops them. */
export function startHeartbeat(
  bus: Bus,
  sup: HostSupervisor,
  cluster: string,
  host: string,
  version: string,
) {
  const started = Date.now();
  const subject = bus.subjects.hb(cluster, host);
  const beat = () => {
    sup.sample();
    const msg = envelope(Heartbeat, cluster, {
      host,
      agentVersion: version,
      uptimeS: (Date.now() - started) / 1000,
      nodes: sup.status(),
    });
    if (!bus.nc.isClosed()) bus.nc.publish(subject, encodeJson(msg));
  };
  beat();
  const timer = setInterval(beat, HEARTBEAT_INTERVAL_MS);
  return () => clearInterval(timer);
}
