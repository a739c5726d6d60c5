import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsServer } from "@zeekbus/nats-infra";
import { eventually, natsClusterFixture, uniqueCluster } from "@zeekbus/test-harness";
import { z } from "zod";
import { type Bus, connectBus } from "./connection.js";
import { openKv, type TypedKv } from "./kv.js";

const bucketName = () => `t_${uniqueCluster().replaceAll("-", "_")}`;

/** The server that leads the bucket's stream. */
async function leaderOf(bus: Bus, bucket: string): Promise<string | undefined> {
  const info = await (await jetstreamManager(bus.nc)).streams.info(`KV_${bucket}`);
  return info.cluster?.leader;
}

describe("failover on a 3-node cluster", () => {
  const nats = natsClusterFixture(3);
  let bus: Bus;
  const serverOf = (name: string | undefined): NatsServer | undefined =>
    nats.cluster.servers.find((s) => s.config.serverName === name);
  const connected = (): NatsServer | undefined =>
    nats.cluster.servers.find((s) => bus.nc.getServer().endsWith(`:${s.config.port}`));

  before(async () => {
    bus = await connectBus({ servers: nats.cluster.urls, name: "failover" });
    nats.teardown(() => bus.close());
  });

  async function bucketLedElsewhere(): Promise<{ kv: TypedKv<z.ZodNumber>; bucket: string }> {
    const bucket = bucketName();
    const kv = await openKv(bus, bucket, z.number(), { replicas: 3 });
    await kv.create("n", 1);
    await eventually(
      async () => {
        if ((await leaderOf(bus, bucket)) !== connected()?.config.serverName) return true;
        await bus.nc.request(`$JS.API.STREAM.LEADER.STEPDOWN.KV_${bucket}`, "", { timeout: 2000 });
        return false;
      },
      { timeoutMs: 15_000, intervalMs: 500, what: "bucket led by another server" },
    );
    return { kv, bucket };
  }

  it("keeps KV writes and a subscription working within 5 s after the connected server dies", async () => {
    const { kv } = await bucketLedElsewhere();
    const subject = `zeekbus.hb.${uniqueCluster()}.h1`;
    const received: number[] = [];
    const sub = bus.nc.subscribe(subject, { callback: (_e, m) => void received.push(Number(m.string())) });
    bus.nc.publish(subject, "1");
    await bus.nc.flush();
    const victim = connected();
    assert.ok(victim, "connected to a cluster server");
    await victim.kill();

    const started = Date.now();
    const current = await kv.get("n");
    await kv.update("n", 2, current!.revision);
    const tookMs = Date.now() - started;
    assert.ok(tookMs < 5000, `KV write after failover took ${tookMs} ms`);
    assert.equal((await kv.get("n"))?.value, 2);
    assert.notEqual(connected(), victim);

    bus.nc.publish(subject, "2");
    await bus.nc.flush();
    await eventually(() => received.includes(2), { what: "message after failover" });
    assert.deepEqual(received, [1, 2]);
    sub.unsubscribe();
    await victim.start();
    await nats.cluster.waitFormed();
  });

  it("retries a write through the election when the server leading the bucket dies", async () => {
    const bucket = bucketName();
    const kv = await openKv(bus, bucket, z.number(), { replicas: 3, deadlineMs: 30_000 });
    await kv.create("n", 1);
    const leader = serverOf(await leaderOf(bus, bucket));
    assert.ok(leader, "the bucket has a leader");
    await leader.kill();
    const started = Date.now();
    const current = await kv.get("n");
    await kv.update("n", 2, current!.revision);
    assert.ok(Date.now() - started < 30_000, "within the retry window");
    assert.equal((await kv.get("n"))?.value, 2);
  });
});
