import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ConflictError, ValidationError } from "@zeekbus/contracts";
import { natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { z } from "zod";
import { type Bus, connectBus } from "./connection.js";
import { openKv } from "./kv.js";

const Value = z.object({ owner: z.string(), n: z.number() }).strict();

describe("KV compare-and-set", () => {
  const nats = natsFixture();
  let a: Bus;
  let b: Bus;
  before(async () => {
    a = await connectBus({ servers: nats.url, name: "writer-a" });
    b = await connectBus({ servers: nats.url, name: "writer-b" });
    nats.teardown(async () => {
      await a.close();
      await b.close();
    });
  });

  it("lets exactly one of two concurrent writers win, the other gets Conflict", async () => {
    const bucket = `t_${uniqueCluster().replaceAll("-", "_")}`;
    const kvA = await openKv(a, bucket, Value);
    const kvB = await openKv(b, bucket, Value);
    const rev = await kvA.create("k", { owner: "init", n: 0 });
    for (let round = 0; round < 5; round++) {
      const base = (await kvA.get("k"))!.revision;
      const results = await Promise.allSettled([
        kvA.update("k", { owner: "a", n: round }, base),
        kvB.update("k", { owner: "b", n: round }, base),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected");
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      assert.ok((lost[0] as PromiseRejectedResult).reason instanceof ConflictError);
    }
    assert.ok((await kvA.get("k"))!.revision > rev);
  });

  it("refuses to create an existing key and to write an invalid value", async () => {
    const kv = await openKv(a, `t_${uniqueCluster().replaceAll("-", "_")}`, Value);
    await kv.create("k", { owner: "x", n: 1 });
    await assert.rejects(kv.create("k", { owner: "y", n: 2 }), ConflictError);
    await assert.rejects(kv.update("k", { owner: "y" } as never, 1), ValidationError);
    assert.deepEqual((await kv.get("k"))?.value, { owner: "x", n: 1 });
  });

  it("modify retries a lost race and applies both changes", async () => {
    const bucket = `t_${uniqueCluster().replaceAll("-", "_")}`;
    const kvA = await openKv(a, bucket, Value);
    const kvB = await openKv(b, bucket, Value);
    await kvA.create("c", { owner: "init", n: 0 });
    const bump = (cur: z.output<typeof Value> | undefined) => ({ owner: "m", n: (cur?.n ?? 0) + 1 });
    await Promise.all([kvA.modify("c", bump), kvB.modify("c", bump), kvA.modify("c", bump)]);
    assert.equal((await kvB.get("c"))?.value.n, 3);
  });
});
