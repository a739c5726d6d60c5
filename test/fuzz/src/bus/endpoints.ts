/**
 * The endpoints to fuzz, enumerated from the contracts: every api message (`<service>.<verb>`)
 * once, every agent message once per host. Endpoints that answer `$SRV.INFO` but have no
 * message in the contracts are listed too, so a verb added to a service without a contract
 * shows up in the report instead of going unfuzzed silently.
 */
import { type Bus, discoverServices } from "@zeekbus/bus";
import { MESSAGES, type MessageDef, SERVICES, type ServiceName } from "@zeekbus/contracts";

/** One endpoint: its subject and request message. */
export interface Endpoint {
  /** `topology.validate`, `agent.stop@10.99.0.2`. */
  label: string;
  subject: string;
  def: MessageDef;
  /** For agent endpoints, the host whose supervisor serves it. */
  host?: string;
}

/** The `<name>` of a message type `zeekbus.<plane>.v1.<name>`. */
export function messageName(def: MessageDef): string {
  return def.type.split(".").slice(3).join(".");
}

/** Every request endpoint of `cluster` with `hosts` running supervisors. */
export function contractEndpoints(bus: Bus, cluster: string, hosts: readonly string[]): Endpoint[] {
  const out: Endpoint[] = [];
  for (const def of MESSAGES) {
    const name = messageName(def);
    if (def.plane === "api") {
      const [service, ...verb] = name.split(".");
      if (!(SERVICES as readonly string[]).includes(service ?? "")) continue;
      const subject = bus.subjects.api(cluster, service as ServiceName, verb.join("."));
      out.push({ label: name, subject, def });
    } else if (def.plane === "agent") {
      for (const host of hosts)
        out.push({
          label: `agent.${name}@${host}`,
          subject: bus.subjects.agent(cluster, host, name),
          def,
          host,
        });
    }
  }
  return out;
}

/** Subjects served on the bus for `cluster` that no contract message names. */
export async function uncontractedSubjects(
  bus: Bus,
  cluster: string,
  known: readonly Endpoint[],
): Promise<string[]> {
  const subjects = new Set(known.map((e) => e.subject));
  const served = (await discoverServices(bus)).flatMap((s) => s.endpoints.map((e) => e.subject));
  const mine = [`${bus.subjects.root}.api.${cluster}.`, `${bus.subjects.root}.agent.${cluster}.`];
  return [...new Set(served)].filter((s) => mine.some((p) => s.startsWith(p)) && !subjects.has(s)).sort();
}
