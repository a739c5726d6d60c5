/** Test support: small zeekctl configs, a fake resolver and a topology service on a test server. */
import { before } from "node:test";
import { type Bus, connectBus, type RunningService, request } from "@zeekbus/bus";
import {
  ApplyReply,
  type ConfigSource,
  DesiredState,
  Plan,
  TopologyApply,
  TopologyGet,
  TopologyPlan,
  TopologyValidate,
  ValidateReply,
} from "@zeekbus/contracts";
import { natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import type { z } from "zod";
import { startTopologyService } from "../service.js";
import type { Lookup } from "../validate/resolve.js";

/** Addresses the fake resolver knows. */
export const HOSTS: Record<string, string> = { "sensor-m": "10.0.0.10", "sensor-a": "10.0.0.11" };

/** Resolves {@link HOSTS}; every other name fails as the system resolver would (ENOTFOUND). */
export const fakeLookup: Lookup = async (host) => {
  const addr = HOSTS[host];
  if (addr === undefined)
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return addr;
};

/** A two-host cluster: logger, manager and proxy on sensor-m; af_packet and plain workers on sensor-a. */
export function nodeCfg(worker3Env = "MYVAR=1"): string {
  return `[logger]
type=logger
host=sensor-m

[manager]
type=manager
host=sensor-m

[proxy-1]
type=proxy
host=sensor-m

[worker-1]
type=worker
host=sensor-a
interface=eth0
lb_method=af_packet
lb_procs=2

[worker-3]
type=worker
host=sensor-a
interface=eth2
env_vars=${worker3Env}
`;
}

/** A node.cfg with two errors: an unknown type (line 3) and a worker without a host (line 5). */
export const BAD_NODE_CFG = `[manager]
host=sensor-m
type=bogus

[worker-1]
type=worker
interface=eth0
`;

/** A zeekctl source holding only node.cfg (zeekctl.cfg defaults). */
export function zeekctlSource(text = nodeCfg()): ConfigSource {
  return { format: "zeekctl", files: { "node.cfg": text } };
}

/** A running topology service for one unique cluster, with typed calls to its endpoints. */
export interface ServiceFixture {
  readonly bus: Bus;
  readonly cluster: string;
  readonly url: string;
  subject(verb: string): string;
  validate(source: ConfigSource): Promise<z.output<typeof ValidateReply>>;
  apply(source: ConfigSource, baseRevision: number): Promise<z.output<typeof ApplyReply>>;
  get(): Promise<DesiredState>;
  plan(source: ConfigSource): Promise<Plan>;
}

/** Starts a nats-server and a topology service (fake resolver) for the suite. */
export function serviceFixture(): ServiceFixture {
  const nats = natsFixture();
  const cluster = uniqueCluster("topo");
  let bus: Bus | undefined;
  let service: RunningService | undefined;
  before(async () => {
    bus = await connectBus({ servers: nats.url, name: "topology-test" });
    service = await startTopologyService(bus, { cluster, lookup: fakeLookup });
    nats.teardown(async () => {
      await service?.stop();
      await bus?.close();
    });
  });
  const need = () => {
    if (!bus) throw new Error("service fixture used outside its suite");
    return bus;
  };
  const subject = (verb: string) => need().subjects.api(cluster, "topology", verb);
  return {
    get bus() {
      return need();
    },
    cluster,
    get url() {
      return nats.url;
    },
    subject,
    validate: (source) =>
      request(need(), subject("validate"), TopologyValidate, cluster, source, ValidateReply),
    apply: (source, baseRevision) =>
      request(need(), subject("apply"), TopologyApply, cluster, { source, baseRevision }, ApplyReply),
    get: () => request(need(), subject("get"), TopologyGet, cluster, {}, DesiredState),
    plan: (source) => request(need(), subject("plan"), TopologyPlan, cluster, source, Plan),
  };
}
