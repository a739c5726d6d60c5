/**
 * What must not change while hostile payloads arrive: every zeek process (same pid, same
 * kernel start time, same supervisor start time, no restart or crash counted, still running,
 * no new one) and every service process (alive, and answering a valid request).
 */
import { request } from "@zeekbus/bus";
import {
  AgentStatus,
  DesiredState,
  FactsReply,
  ProvisionerFacts,
  StatusReply,
  TopologyGet,
} from "@zeekbus/contracts";
import { procStartTime } from "./procs.js";
import type { FuzzStack } from "./stack.js";

/** One zeek process as its supervisor and the kernel see it. */
export interface ZeekIdentity {
  state: string;
  pid?: number;
  startedAt?: string;
  kernelStart?: string;
  restarts: number;
  crashes: number;
}

/** Every node of every host whose supervisor is not `down`, by `host/name`; a host that does not answer is an error. */
export async function snapshot(
  stack: FuzzStack,
  down: ReadonlySet<string>,
): Promise<Map<string, ZeekIdentity>> {
  const out = new Map<string, ZeekIdentity>();
  await Promise.all(
    liveHosts(stack, down).map(async (host) => {
      const subject = stack.bus.subjects.agent(stack.cluster, host, "status");
      const r = await request(stack.bus, subject, AgentStatus, stack.cluster, {}, StatusReply, {
        timeoutMs: 10_000,
      });
      for (const n of r.nodes) {
        const kernelStart = n.pid ? procStartTime(n.pid) : undefined;
        out.set(`${host}/${n.name}`, {
          state: n.state,
          restarts: n.restarts,
          crashes: n.crashes,
          ...(n.pid ? { pid: n.pid } : {}),
          ...(n.startedAt ? { startedAt: n.startedAt } : {}),
          ...(kernelStart ? { kernelStart } : {}),
        });
      }
    }),
  );
  return out;
}

/** What changed between two snapshots, one line per node (empty: nothing). */
export function zeekChanges(before: Map<string, ZeekIdentity>, after: Map<string, ZeekIdentity>): string[] {
  const out: string[] = [];
  for (const [key, a] of before) {
    const b = after.get(key);
    if (!b) out.push(`${key}: gone from its supervisor's status`);
    else if (b.pid !== a.pid || b.kernelStart !== a.kernelStart || b.startedAt !== a.startedAt)
      out.push(`${key}: process replaced (pid ${a.pid} → ${b.pid ?? "none"}, state ${b.state})`);
    else if (b.state !== a.state) out.push(`${key}: state ${a.state} → ${b.state}`);
    else if (b.restarts !== a.restarts || b.crashes !== a.crashes)
      out.push(`${key}: restarts ${a.restarts} → ${b.restarts}, crashes ${a.crashes} → ${b.crashes}`);
    else if (a.pid && !a.kernelStart) out.push(`${key}: pid ${a.pid} does not exist`);
  }
  for (const key of after.keys()) if (!before.has(key)) out.push(`${key}: new node started`);
  return out;
}

function liveHosts(stack: FuzzStack, down: ReadonlySet<string>): string[] {
  return stack.hosts.filter((h) => !down.has(`process-supervisor@${h}`));
}

/** Service processes that are gone, with why. */
export function goneServices(stack: FuzzStack): { name: string; why: string }[] {
  return stack.services.flatMap((s) => {
    const why = s.gone();
    return why ? [{ name: s.name, why: `${s.name} (pid ${s.pid}) ${why}` }] : [];
  });
}

/** A valid request to every service not already `down`; one line per service that does not answer it. */
export async function unanswered(stack: FuzzStack, down: ReadonlySet<string>): Promise<string[]> {
  const { bus, cluster } = stack;
  const out: string[] = [];
  const ask = async (what: string, call: () => Promise<unknown>) => {
    await call().catch((err: Error) => out.push(`${what}: ${err.message.slice(0, 200)}`));
  };
  if (!down.has("topology"))
    await ask("topology get", () =>
      request(bus, bus.subjects.api(cluster, "topology", "get"), TopologyGet, cluster, {}, DesiredState),
    );
  if (!down.has("provisioner"))
    await ask("provisioner facts", () =>
      request(
        bus,
        bus.subjects.api(cluster, "provisioner", "facts"),
        ProvisionerFacts,
        cluster,
        {
          hosts: [stack.ctx.factsHost],
        },
        FactsReply,
        { timeoutMs: 30_000 },
      ),
    );
  for (const host of liveHosts(stack, down)) {
    await ask(`supervisor ${host} status`, () =>
      request(bus, bus.subjects.agent(cluster, host, "status"), AgentStatus, cluster, {}, StatusReply),
    );
  }
  return out;
}
