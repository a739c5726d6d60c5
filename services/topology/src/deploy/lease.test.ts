import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type Bus, connectBus, openKv } from "@zeekbus/bus";
import { ConflictError, DeployLease, deployLeaseKey, LEASES_BUCKET } from "@zeekbus/contracts";
import { natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { DeployLeases } from "./lease.js";

describe("deploy lease (one deploy per cluster across topology instances)", () => {
  const nats = natsFixture();
  let bus: Bus;

  before(async () => {
    bus = await connectBus({ servers: nats.url, name: "test" });
    nats.teardown(() => bus.close());
  });

  it("a second instance is refused while the first deploy runs, and may deploy once it is released", async () => {
    const cluster = uniqueCluster("lease");
    const [one, two] = await Promise.all([DeployLeases.open(bus, cluster), DeployLeases.open(bus, cluster)]);
    const release = await one.acquire("deploy-a");
    await assert.rejects(two.acquire("deploy-b"), (err: Error) => {
      assert.ok(err instanceof ConflictError);
      assert.equal(err.message, "deploy deploy-a is still running");
      return true;
    });
    await release();
    const again = await two.acquire("deploy-b");
    await again();
  });

  it("a lease whose holder died (not renewed past its time) is taken over", async () => {
    const cluster = uniqueCluster("lease");
    const kv = await openKv(bus, LEASES_BUCKET, DeployLease);
    const past = new Date(Date.now() - 1000).toISOString();
    await kv.create(deployLeaseKey(cluster), { deployId: "dead", state: "running", until: past });
    const release = await (await DeployLeases.open(bus, cluster)).acquire("deploy-c");
    assert.equal((await kv.get(deployLeaseKey(cluster)))?.value.deployId, "deploy-c");
    await release();
    assert.equal((await kv.get(deployLeaseKey(cluster)))?.value.state, "done");
  });
});
