/**
 * The valid request each hostile payload is mutated from, per message. Each base is harmless
 * should a mutation leave it valid: commands name a node that does not exist, a start names a
 * node that already runs, a deploy is a dry run, an apply is planned against a stale revision,
 * host commands go to an address nothing listens on. So a payload that the edge lets through
 * wrongly shows up as a reply without an error, not as a real change to the cluster.
 */
import type { ConfigSource, NodeSpec } from "@zeekbus/contracts";
import type { Endpoint } from "./endpoints.js";
import { messageName } from "./endpoints.js";

/** A node name no cluster of the fuzz has. */
export const ABSENT_NODE = "fuzz-absent-node";
/** A host name no cluster of the fuzz has, and an address with nothing listening on port 22. */
export const ABSENT_HOST = { host: "fuzz-absent-host", address: "127.0.0.2" };

/** What the bases are made of: the running cluster. */
export interface BaseContext {
  /** Every node of the deployed revision. */
  specs: NodeSpec[];
  /** The deployed configuration and site scripts. */
  source: ConfigSource;
  site: Record<string, string>;
  /** A host of the cluster that answers facts requests. */
  factsHost: { host: string; address: string };
}

/** The base data of an endpoint's request (the envelope is added by the mutator). */
export function baseData(ep: Endpoint, ctx: BaseContext): unknown {
  const first = ctx.specs[0]!;
  const onHost = ctx.specs.find((s) => s.host === ep.host) ?? first;
  switch (messageName(ep.def)) {
    case "start":
      return { specs: [onHost], waitRejoin: false };
    case "stop":
      return { nodes: [ABSENT_NODE], timeoutMs: 5000 };
    case "restart":
      return { nodes: [ABSENT_NODE] };
    case "unquarantine":
      return { node: ABSENT_NODE };
    case "status":
      return { nodes: [onHost.name] };
    case "topology.get":
      return {};
    case "topology.validate":
    case "topology.plan":
      return ctx.source;
    case "topology.apply":
      return { source: ctx.source, baseRevision: 0 };
    case "topology.render":
      return { node: first.name };
    case "topology.deploy":
      return { source: ctx.source, site: ctx.site, deployId: "fuzz-dry-run", dryRun: true };
    case "provisioner.facts":
      return { hosts: [ctx.factsHost] };
    case "provisioner.install":
      return { hosts: [{ ...ABSENT_HOST, auto: { "fuzz.zeek": "# fuzz\n" }, site: ctx.site }] };
    case "provisioner.check":
      return { nodes: [first], only: [first.name] };
    case "provisioner.bootstrap":
      return { hosts: [ABSENT_HOST] };
    default:
      return {};
  }
}

const names = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const absent = (v: unknown) => typeof v === "string" && v.startsWith(ABSENT_NODE);
const absentHosts = (d: { hosts?: unknown }) =>
  names(d.hosts).every((h) => (h as { host?: string }).host?.startsWith(ABSENT_HOST.host));

/**
 * Whether a request the contract accepts is still harmless to run: commands name only the
 * absent node (a stop with no names stops every node), a start only nodes that already run
 * (a new name would start a zeek), a deploy stays a dry run, host commands go to the absent host.
 */
export function harmlessFor(ep: Endpoint, ctx: BaseContext): (data: unknown) => boolean {
  const running = new Set(ctx.specs.map((s) => s.name));
  return (raw) => {
    const d = (raw ?? {}) as Record<string, unknown>;
    switch (messageName(ep.def)) {
      case "start":
        return names(d.specs).every((s) => running.has((s as { name?: string }).name ?? ""));
      case "stop":
      case "restart":
        return names(d.nodes).length > 0 && names(d.nodes).every(absent);
      case "unquarantine":
        return absent(d.node);
      case "topology.deploy":
        return d.dryRun === true;
      case "provisioner.install":
      case "provisioner.bootstrap":
        return absentHosts(d);
      default:
        return true;
    }
  };
}

/** Messages {@link baseData} has a dedicated base for (others get `{}` and are reported). */
export const KNOWN_BASES = new Set([
  "start",
  "stop",
  "restart",
  "unquarantine",
  "status",
  "topology.get",
  "topology.validate",
  "topology.plan",
  "topology.apply",
  "topology.render",
  "topology.deploy",
  "provisioner.facts",
  "provisioner.install",
  "provisioner.check",
  "provisioner.bootstrap",
]);
