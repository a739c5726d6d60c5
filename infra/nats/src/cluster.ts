/** A JetStream cluster of nats-servers on loopback, for failover tests and multi-node use. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePorts } from "./ports.js";
import { type NatsServer, type NatsServerOptions, startNatsServer } from "./server.js";

/** The servers of one cluster. */
export class NatsCluster {
  readonly servers: NatsServer[];
  constructor(servers: NatsServer[]) {
    this.servers = servers;
  }
  /** Every client URL, for a client that should fail over between them. */
  get urls(): string[] {
    return this.servers.map((s) => s.url);
  }
  /** Waits until every running server has all routes and a JetStream meta leader. */
  async waitFormed(timeoutMs = 20_000): Promise<void> {
    const running = this.servers.filter((s) => s.pid !== undefined);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const states = await Promise.all(
        running.map(async (s) => {
          const routes = (await s.monitor("/routez"))?.num_routes;
          const meta = (await s.monitor("/jsz"))?.meta_cluster as { leader?: string } | undefined;
          const health = (await s.monitor("/healthz"))?.status;
          return routes === running.length - 1 && Boolean(meta?.leader) && health === "ok";
        }),
      );
      if (states.every(Boolean)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`nats cluster did not form within ${timeoutMs} ms (logs in ${this.servers[0]?.dir})`);
  }
  /** Stops every server. */
  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.stop()));
  }
}

/** Starts `size` servers routed to each other and waits until the cluster has formed. */
export async function startNatsCluster(
  size = 3,
  options: Omit<NatsServerOptions, "dir" | "port" | "httpPort" | "cluster" | "serverName"> & {
    dir?: string;
  } = {},
): Promise<NatsCluster> {
  const base = options.dir ?? mkdtempSync(join(tmpdir(), "zeekbus-natsc-"));
  const ports = await freePorts(size * 3);
  const routes = ports.slice(size * 2);
  const name = `zb-${Math.random().toString(36).slice(2, 8)}`;
  const servers = await Promise.all(
    Array.from({ length: size }, (_, i) =>
      startNatsServer({
        ...options,
        dir: join(base, `n${i + 1}`),
        serverName: `${name}-n${i + 1}`,
        port: ports[i]!,
        httpPort: ports[size + i]!,
        cluster: { name, port: routes[i]!, routes },
      }),
    ),
  );
  const cluster = new NatsCluster(servers);
  await cluster.waitFormed();
  return cluster;
}
