/** Test helpers: a process supervisor as a real child process, and the bus calls tests make. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Bus, request } from "@zeekbus/bus";
import {
  AgentStart,
  AgentStatus,
  AgentStop,
  AgentUnquarantine,
  CommandReply,
  type NodeSpec,
  StatusReply,
} from "@zeekbus/contracts";
import { eventually } from "@zeekbus/test-harness";
import { UnquarantineReply } from "../agent/endpoints.js";

const main = fileURLToPath(new URL("../main.js", import.meta.url));

/** Settings of a supervisor under test. */
export interface SupervisorUnderTest {
  nats: string;
  cluster: string;
  host: string;
  stateDir?: string;
  policy?: Record<string, number>;
  readyTimeoutMs?: number;
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

export function start(bus: Bus, s: SupervisorUnderTest, specs: NodeSpec[]) {
  return request(
    bus,
    bus.subjects.agent(s.cluster, s.host, "start"),
    AgentStart,
    s.cluster,
    { specs },
    CommandReply,
    {
      timeoutMs: 30_000,
    },
  );
}

export function stop(bus: Bus, s: SupervisorUnderTest, nodes: string[] = [], timeoutMs?: number) {
  return request(
    bus,
    bus.subjects.agent(s.cluster, s.host, "stop"),
    AgentStop,
    s.cluster,
    { nodes, ...(timeoutMs ? { timeoutMs } : {}) },
    CommandReply,
    { timeoutMs: 30_000 },
  );
}

export function status(bus: Bus, s: SupervisorUnderTest, nodes: string[] = []) {
  return request(
    bus,
    bus.subjects.agent(s.cluster, s.host, "status"),
    AgentStatus,
    s.cluster,
    { nodes },
    StatusReply,
    {
      timeoutMs: 2000,
    },
  );
}

export function unquarantine(bus: Bus, s: SupervisorUnderTest, node: string) {
  return request(
    bus,
    bus.subjects.agent(s.cluster, s.host, "unquarantine"),
    AgentUnquarantine,
    s.cluster,
    { node },
    UnquarantineReply,
    { timeoutMs: 30_000 },
  );
}

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
