/**
 * Benchmark: how fast the bus answers. Unreachable detection (target p99 < 100 ms), a
 * validated request/reply round trip, and KV write time after killing the connected server
 * of a 3-node cluster. Results go to bench-results/bus-latency.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineMessage } from "@zeekbus/contracts";
import { startNatsCluster, startNatsServer } from "@zeekbus/nats-infra";
import { percentiles } from "@zeekbus/test-harness";
import { z } from "zod";
import { connectBus } from "../connection.js";
import { openKv } from "../kv.js";
import { request } from "../request.js";
import { endpoint, startService } from "../service.js";

const Ping = defineMessage("api", "bench.ping", z.object({ n: z.number() }).strict());
const Pong = z.object({ n: z.number() }).strict();

async function requestLatencies() {
  const server = await startNatsServer();
  const bus = await connectBus({ servers: server.url, name: "bench" });
  await startService(bus, {
    name: "bench",
    version: "0.0.0",
    description: "bench",
    endpoints: [
      endpoint({
        name: "ping",
        subject: "zeekbus.api.bench.topology.ping",
        request: Ping,
        reply: Pong,
        handler: (d) => d,
      }),
    ],
  });
  const unreachable: number[] = [];
  const roundTrip: number[] = [];
  for (let i = 0; i < 300; i++) {
    let t = performance.now();
    await request(bus, "zeekbus.api.bench.health.none", Ping, "bench", { n: i }, Pong).catch(() => undefined);
    unreachable.push(performance.now() - t);
    t = performance.now();
    await request(bus, "zeekbus.api.bench.topology.ping", Ping, "bench", { n: i }, Pong);
    roundTrip.push(performance.now() - t);
  }
  await bus.close();
  await server.stop();
  return { unreachableMs: percentiles(unreachable), roundTripMs: percentiles(roundTrip) };
}

async function failoverWrites(rounds: number) {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const cluster = await startNatsCluster(3);
    const bus = await connectBus({ servers: cluster.urls, name: "bench-failover" });
    const kv = await openKv(bus, `bench_${r}`, z.number(), { replicas: 3 });
    await kv.create("n", 0);
    const victim = cluster.servers.find((s) => bus.nc.getServer().endsWith(`:${s.config.port}`));
    const t = performance.now();
    await victim?.kill();
    const cur = await kv.get("n");
    await kv.update("n", 1, cur?.revision ?? 0);
    samples.push(performance.now() - t);
    await bus.close();
    await cluster.stop();
  }
  return percentiles(samples);
}

const results = { ...(await requestLatencies()), failoverKvWriteMs: await failoverWrites(5) };
console.log(JSON.stringify(results, null, 2));
const dir = join(process.cwd(), "bench-results");
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, "bus-latency.json"),
  `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`,
);
