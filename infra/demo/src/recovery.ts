/**
 * The crash drill: kill -9 one worker, print its lifecycle events as the host's supervisor
 * publishes them (crashed → restarted → running) and time the recovery, up to the moment the
 * new process receives packets again (it has rejoined its fanout group).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { type Bus, decodeJson } from "@zeekbus/bus";
import {
  NODE_EVENTS,
  type NodeEventData,
  type NodeEventName,
  NodeEvents,
  type NodeSpec,
} from "@zeekbus/contracts";
import { duration, info } from "./say.js";
import type { LiveStatus } from "./status.js";
import { checkStop, DemoError } from "./teardown.js";

/** How long the supervisor may take to bring the worker back before the demo calls it a failure. */
const RECOVERY_TIMEOUT_MS = 60_000;

/** What the drill measured. */
export interface Recovery {
  node: string;
  killedPid: number;
  newPid?: number;
  /** From the kill to the supervisor's `running` event. */
  runningMs: number;
  /** From the kill to the first packet counted by the new process. */
  packetsMs?: number;
}

function describe(name: NodeEventName, d: NodeEventData): string {
  const bits = [
    d.pid ? `pid ${d.pid}` : "",
    d.signal ? `signal ${d.signal}` : d.exitCode !== undefined ? `exit ${d.exitCode}` : "",
    d.restarts !== undefined ? `restarts ${d.restarts}` : "",
    d.reason ?? "",
    d.crashReport ? `crash report ${d.crashReport}` : "",
  ].filter(Boolean);
  return `${name.padEnd(9)} ${bits.join(", ")}`;
}

/** Kills `victim`'s process and follows it until it runs and receives packets again. */
export async function crashDrill(
  bus: Bus,
  live: LiveStatus,
  victim: NodeSpec,
  signal: AbortSignal,
): Promise<Recovery> {
  const before = (await live.statuses()).get(victim.name);
  if (!before?.pid || before.state !== "running")
    throw new DemoError(
      `${victim.name} is not running (state ${before?.state ?? "unknown"}); nothing to kill`,
    );
  const killedPid = before.pid;

  const sub = bus.nc.subscribe(bus.subjects.evtFilter(live.cluster, "node"));
  let killedAt = 0;
  let crashed = false;
  let resolveRunning: (pid: number | undefined) => void = () => undefined;
  const running = new Promise<number | undefined>((r) => {
    resolveRunning = r;
  });
  void (async () => {
    for await (const msg of sub) {
      const event = msg.subject.split(".").at(-2) as NodeEventName;
      if (!NODE_EVENTS.includes(event)) continue;
      const parsed = NodeEvents[event].envelope.safeParse(decodeJson(msg));
      if (!parsed.success || parsed.data.data.node !== victim.name) continue;
      const d = parsed.data.data;
      info(`  +${duration(Date.now() - killedAt).padStart(7)}  event ${victim.name} ${describe(event, d)}`);
      if (event === "crashed") crashed = true;
      if (event === "running" && crashed) resolveRunning(d.pid);
    }
  })();
  await bus.nc.flush();

  try {
    info(`kill -9 ${killedPid}   (${victim.name} on ${victim.host}, as if it had crashed)`);
    killedAt = Date.now();
    process.kill(killedPid, "SIGKILL");
    const done = new AbortController();
    const timeout = sleep(RECOVERY_TIMEOUT_MS, "timeout" as const, {
      signal: AbortSignal.any([signal, done.signal]),
    }).catch(() => "timeout" as const);
    const newPid = await Promise.race([running, timeout]);
    done.abort();
    checkStop(signal);
    if (newPid === "timeout")
      throw new DemoError(
        `${victim.name} did not run again within ${RECOVERY_TIMEOUT_MS / 1000} s after kill -9`,
      );
    const runningMs = Date.now() - killedAt;
    info(`${victim.name} is running again (pid ${newPid ?? "?"}) ${duration(runningMs)} after the kill`);
    info(
      runningMs >= 1000
        ? "(it had run < 30 s, so its first restart waited the policy's 1 s backoff; after 30 s healthy it is immediate)"
        : "(it had run >= 30 s, so the supervisor restarted it at once)",
    );
    let packetsMs: number | undefined;
    while (Date.now() - killedAt < RECOVERY_TIMEOUT_MS) {
      checkStop(signal);
      if (((await live.packets(victim)) ?? 0) > 0) {
        packetsMs = Date.now() - killedAt;
        info(
          `${victim.name} receives packets again (rejoined its fanout group) ${duration(packetsMs)} after the kill`,
        );
        break;
      }
      await sleep(50);
    }
    return {
      node: victim.name,
      killedPid,
      runningMs,
      ...(newPid ? { newPid } : {}),
      ...(packetsMs ? { packetsMs } : {}),
    };
  } finally {
    sub.unsubscribe();
  }
}
