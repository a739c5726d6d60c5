/**
 * Every subject zeekbus uses is built here, token by token. Cluster, service, verb, resource
 * and event tokens must already be plain tokens; host and node names are real names and are
 * encoded with {@link encodeName} (so `relay.east` or `10.0.0.5` become single tokens).
 *
 * | plane | pattern |
 * |---|---|
 * | api   | `<root>.api.<cluster>.<service>.<verb>` |
 * | agent | `<root>.agent.<cluster>.<host>.<verb>` |
 * | evt   | `<root>.evt.<cluster>.<resource>.<event>.<id>` |
 * | hb    | `<root>.hb.<cluster>.<host>` |
 */
import { assertToken, encodeName } from "./tokens.js";

/** The default root token of every subject. */
export const DEFAULT_ROOT = "zeekbus";

/** Services that serve the api plane. */
export const SERVICES = ["topology", "provisioner", "capture-tuner", "health"] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Subject builders under one root token. */
export class Subjects {
  readonly root: string;
  constructor(root: string = DEFAULT_ROOT) {
    this.root = assertToken(root, "root");
  }

  /** `<root>.api.<cluster>.<service>.<verb>`: request/reply to a service. */
  api(cluster: string, service: ServiceName, verb: string): string {
    return this.join(
      "api",
      assertToken(cluster, "cluster"),
      assertToken(service, "service"),
      assertToken(verb, "verb"),
    );
  }

  /** `<root>.api.<cluster>.<service>`: the prefix under which a service's endpoints live. */
  apiPrefix(cluster: string, service: ServiceName): string {
    return this.join("api", assertToken(cluster, "cluster"), assertToken(service, "service"));
  }

  /** `<root>.agent.<cluster>.<host>.<verb>`: request/reply to one host's process supervisor. */
  agent(cluster: string, host: string, verb: string): string {
    return this.join("agent", assertToken(cluster, "cluster"), encodeName(host), assertToken(verb, "verb"));
  }

  /** `<root>.agent.<cluster>.<host>`: the prefix of one host supervisor's endpoints. */
  agentPrefix(cluster: string, host: string): string {
    return this.join("agent", assertToken(cluster, "cluster"), encodeName(host));
  }

  /** `<root>.evt.<cluster>.<resource>.<event>.<id>`: one event (stored in the events stream). */
  evt(cluster: string, resource: string, event: string, id: string): string {
    return this.join(
      "evt",
      assertToken(cluster, "cluster"),
      assertToken(resource, "resource"),
      assertToken(event, "event"),
      encodeName(id),
    );
  }

  /** Filter for events of a cluster; omitted parts match anything. */
  evtFilter(cluster: string, resource?: string, event?: string): string {
    const parts = ["evt", assertToken(cluster, "cluster")];
    if (resource === undefined) return this.join(...parts, ">");
    parts.push(assertToken(resource, "resource"));
    parts.push(event === undefined ? "*" : assertToken(event, "event"));
    return this.join(...parts, "*");
  }

  /** Filter for every event of every cluster under this root (the stream's subjects). */
  evtAll(): string {
    return this.join("evt", ">");
  }

  /** `<root>.hb.<cluster>.<host>`: a host's 1 s heartbeat. */
  hb(cluster: string, host: string): string {
    return this.join("hb", assertToken(cluster, "cluster"), encodeName(host));
  }

  /** Filter for the heartbeats of every host of a cluster. */
  hbFilter(cluster: string): string {
    return this.join("hb", assertToken(cluster, "cluster"), "*");
  }

  private join(...tokens: string[]): string {
    return [this.root, ...tokens].join(".");
  }
}

/**
 * The cluster token of an api or agent subject (`<root>.api.<cluster>.…`, `<root>.agent.<cluster>.…`),
 * whatever the root; undefined for other subjects. A request's envelope must name this cluster.
 */
export function subjectCluster(subject: string): string | undefined {
  const [, plane, cluster] = subject.split(".");
  return (plane === "api" || plane === "agent") && cluster ? cluster : undefined;
}

/** Subject builders under the default root. */
export const subjects = new Subjects();
