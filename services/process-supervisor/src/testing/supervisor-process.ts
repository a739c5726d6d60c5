/** Test helpers: a process supervisor as a real child process, and the bus calls tests make. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Bus } from "@zeekbus/bus";
import type { NodeSpec } from "@zeekbus/contracts";
import { eventually } from "@zeekbus/test-harness";
import { AgentClient } from "../client/agent-client.js";

const main = fileURLToPath(new URL("../main.js", import.meta.url));

/** Settings of a supervisor under test. */
export interface SupervisorUnderTest {
  nats: string;
  cluster: string;
  host: string;
  stateDir?: string;
  policy?: Record<string, number>;
  readyTimeoutMs?: number;
  rejoinTimeoutMs?: number;
}

/** A supervisor child process that can be killed and started again on the same state dir. */
export class SupervisorProcess {
  child: ChildProcess | undefined;
  readonly stateDir: string;
  constructor(readonly settings: SupervisorUnderTest) {
    this.stateDir = settings.stateDir ?? mkdtempSync(join(tmpdir(), "zeekbus-supstate-"));
  }

  /** Starts it and waits until its status endpoint answers. */
  async start(bus: Bus): Promise<void> {
    const s = this.settings;
    this.child = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        ZEEKBUS_NATS: s.nats,
        ZEEKBUS_CLUSTER: s.cluster,
        ZEEKBUS_HOST: s.host,
        ZEEKBUS_STATE_DIR: this.stateDir,
        ZEEKBUS_POLICY: JSON.stringify(s.policy ?? {}),
        ZEEKBUS_READY_TIMEOUT_MS: String(s.readyTimeoutMs ?? 10_000),
        ...(s.rejoinTimeoutMs ? { ZEEKBUS_REJOIN_TIMEOUT_MS: String(s.rejoinTimeoutMs) } : {}),
        ZEEKBUS_LOG_LEVEL: process.env.ZEEKBUS_LOG_LEVEL ?? "warn",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    await eventually(() => status(bus, s).then(() => true), {
      timeoutMs: 10_000,
      what: "supervisor answering",
    });
  }

  /** kill -9, as a crash of the supervisor itself. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((r) => {
      child.once("exit", r);
      child.kill("SIGKILL");
    });
  }
}

/** The agent client of the supervisor under test (short timeouts, as tests want). */
function agent(bus: Bus, s: SupervisorUnderTest): AgentClient {
  return new AgentClient(bus, s.cluster, s.host, 30_000);
}

export const start = (
  bus: Bus,
  s: SupervisorUnderTest,
  specs: NodeSpec[],
  options?: { waitRejoin?: boolean; revision?: number },
) => agent(bus, s).start(specs, options);
export const stop = (bus: Bus, s: SupervisorUnderTest, nodes: string[] = [], timeoutMs?: number) =>
  agent(bus, s).stop(nodes, timeoutMs);
export const status = (bus: Bus, s: SupervisorUnderTest, nodes: string[] = []) =>
  agent(bus, s).status(nodes, 2000);
export const unquarantine = (bus: Bus, s: SupervisorUnderTest, node: string) =>
  agent(bus, s).unquarantine(node);

/** Collects named lifecycle events (not transitions) of a cluster as `node:event`, in arrival order. */
export function collectEvents(bus: Bus, cluster: string): { events: string[]; stop(): void } {
  const events: string[] = [];
  const sub = bus.nc.subscribe(bus.subjects.evtFilter(cluster, "node"), {
    callback: (_e, m) => {
      const [, , , , event, node] = m.subject.split(".");
      if (event !== "transition") events.push(`${node}:${event}`);
    },
  });
  return { events, stop: () => sub.unsubscribe() };
}

/** Node processes by working directory (for duplicate checks). */
export { nodeProcesses } from "./procs.js";
