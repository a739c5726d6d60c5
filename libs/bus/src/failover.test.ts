import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { natsClusterFixture, uniqueCluster } from "@zeekbus/test-harness";
import { z } from "zod";
import { type Bus, connectBus } from "./connection.js";
import { openKv } from "./kv.js";

describe("failover on a 3-node cluster", () => {
  const nats = natsClusterFixture(3);
  let bus: Bus;
  before(async () => {
    bus = await connectBus({ servers: nats.cluster.urls, name: "failover" });
  });
  after(() => bus.close());

  it("keeps KV writes and a subscription working after the connected server dies", async () => {
    const kv = await openKv(bus, `t_${uniqueCluster().replaceAll("-", "_")}`, z.number(), { replicas: 3 });
    await kv.create("n", 1);
    const subject = `zeekbus.hb.${uniqueCluster()}.h1`;
    const received: number[] = [];
    const sub = bus.nc.subscribe(subject, { callback: (_e, m) => void received.push(Number(m.string())) });
    bus.nc.publish(subject, "1");
    await bus.nc.flush();

    const connected = bus.nc.getServer();
    const victim = nats.cluster.servers.find((s) => connected.endsWith(`:${s.config.port}`));
    assert.ok(victim, `connected server ${connected} is one of the cluster`);
    await victim.kill();

    const started = Date.now();
    const current = await kv.get("n");
    await kv.update("n", 2, current!.revision);
    const tookMs = Date.now() - started;
    // A write lands as soon as the bucket's stream has a leader again; when the killed server
    // led that stream, nats-server's raft election takes several seconds, so the bound is
    // the helper's retry window. The distribution is measured by the failover benchmark.
    assert.ok(tookMs < 10_000, `KV write after failover took ${tookMs} ms`);
    assert.equal((await kv.get("n"))?.value, 2);
    assert.notEqual(bus.nc.getServer(), connected);

    bus.nc.publish(subject, "2");
    await bus.nc.flush();
    const deadline = Date.now() + 5000;
    while (!received.includes(2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(received, [1, 2]);
    sub.unsubscribe();
  });
});
