/**
 * A node's Prometheus metrics read on its host, as zeekctl's default `MetricsAddress = 127.0.0.1`
 * requires: the HTTP GET of 127.0.0.1:<port> runs inside the host's network namespace (curl
 * there), so nothing has to listen on the lab network.
 */
import { UnknownHostError } from "../errors.js";
import { run } from "../exec.js";
import { type CaptureCounters, countersOf, parseMetrics } from "../sim/metrics.js";
import type { LabHost, LabInfo } from "../types.js";

/** How long one read may take before the node counts as not answering. */
const DEFAULT_TIMEOUT_MS = 1000;

/** The lab host named `host`, or whose address it is (node specs name hosts by address). */
function labHost(lab: LabInfo, host: string): LabHost {
  const h = lab.hosts.find((x) => x.name === host || x.ip === host);
  if (!h) {
    const known = lab.hosts.map((x) => `${x.name} (${x.ip})`).join(", ");
    throw new UnknownHostError(`lab in ${lab.dir} has no host "${host}" (hosts: ${known})`);
  }
  return h;
}

/** A node's metrics on its host, summed by name; undefined while nothing answers on the port. */
export async function hostMetrics(
  lab: LabInfo,
  host: string,
  port: number,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Map<string, number> | undefined> {
  const netns = `--net=/run/netns/${labHost(lab, host).netns}`;
  const get = ["curl", "-sf", "--max-time", `${timeoutMs / 1000}`, `http://127.0.0.1:${port}/metrics`];
  const r = await run(["nsenter", netns, "--", ...get], { allowFail: true, timeoutMs: timeoutMs + 1000 });
  return r.code === 0 ? parseMetrics(r.stdout) : undefined;
}

/** A worker's packet counters on its host; undefined while it does not answer. */
export async function hostCaptureCounters(
  lab: LabInfo,
  host: string,
  port: number,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<CaptureCounters | undefined> {
  const metrics = await hostMetrics(lab, host, port, timeoutMs);
  return metrics && countersOf(metrics);
}
