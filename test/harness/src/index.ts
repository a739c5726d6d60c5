/**
 * Shared test fixtures. Each suite gets its own real nats-server (or 3-node cluster) on free
 * ports with a temporary store, torn down after the suite even when a test fails; each test
 * isolates itself further with a unique cluster name.
 */
import { after, before } from "node:test";
import {
  type NatsCluster,
  type NatsServer,
  type NatsServerOptions,
  startNatsCluster,
  startNatsServer,
} from "@zeekbus/nats-infra";

let seq = 0;
/** A cluster name no other test in this process uses (a valid subject token). */
export function uniqueCluster(prefix = "t"): string {
  seq += 1;
  return `${prefix}-${process.pid}-${seq}-${Math.random().toString(36).slice(2, 6)}`;
}

/** A server fixture; `server` and `url` are valid inside tests of the suite. */
export interface NatsFixture {
  readonly server: NatsServer;
  readonly url: string;
  /** Registers cleanup that needs the server; it runs (last registered first) before the server stops. */
  teardown(fn: () => Promise<unknown> | unknown): void;
}

async function runTeardowns(fns: (() => Promise<unknown> | unknown)[]): Promise<void> {
  for (const fn of fns.reverse()) {
    try {
      await fn();
    } catch (err) {
      console.error(`teardown failed: ${(err as Error).message}`);
    }
  }
}

/** Starts one nats-server (with `options`) before the suite's tests and stops it after them. */
export function natsFixture(options: NatsServerOptions = {}): NatsFixture {
  let server: NatsServer | undefined;
  const teardowns: (() => Promise<unknown> | unknown)[] = [];
  before(async () => {
    server = await startNatsServer(options);
  });
  after(async () => {
    await runTeardowns(teardowns);
    await server?.stop();
  });
  return {
    teardown: (fn) => void teardowns.push(fn),
    get server() {
      if (!server) throw new Error("nats fixture used outside its suite");
      return server;
    },
    get url() {
      return this.server.url;
    },
  };
}

/** A cluster fixture; `cluster` is valid inside tests of the suite. */
export interface NatsClusterFixture {
  readonly cluster: NatsCluster;
  /** Registers cleanup that needs the cluster; it runs (last registered first) before the cluster stops. */
  teardown(fn: () => Promise<unknown> | unknown): void;
}

/** Starts a `size`-node JetStream cluster before the suite's tests and stops it after them. */
export function natsClusterFixture(size = 3): NatsClusterFixture {
  let cluster: NatsCluster | undefined;
  const teardowns: (() => Promise<unknown> | unknown)[] = [];
  before(async () => {
    cluster = await startNatsCluster(size);
  });
  after(async () => {
    await runTeardowns(teardowns);
    await cluster?.stop();
  });
  return {
    teardown: (fn) => void teardowns.push(fn),
    get cluster() {
      if (!cluster) throw new Error("nats cluster fixture used outside its suite");
      return cluster;
    },
  };
}

/** Polls `check` every `intervalMs` until it returns a truthy value or `timeoutMs` passes. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 5000, intervalMs = 25, what = "condition" } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${what} not reached within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ""}`);
}
export { percentiles } from "./percentiles.js";
export { clusterPortBase, ephemeralPortStart } from "./ports.js";
export { buildSimCluster, LOCAL_CLUSTER_NODE_CFG, type SimClusterOptions } from "./sim-cluster.js";
