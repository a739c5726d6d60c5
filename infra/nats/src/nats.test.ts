import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startNatsCluster } from "./cluster.js";
import { startNatsServer } from "./server.js";

describe("embedded nats-server", () => {
  it("starts on free ports with JetStream and stops leaving no process", async () => {
    const s = await startNatsServer();
    const pid = s.pid;
    assert.ok(pid);
    assert.match(s.url, /^nats:\/\/127\.0\.0\.1:\d+$/);
    const jsz = await s.monitor("/jsz");
    assert.ok(jsz && "config" in jsz, "JetStream enabled");
    await s.stop();
    assert.equal(s.pid, undefined);
    assert.throws(() => process.kill(pid, 0));
  });

  it("tells its exit listeners how the process ended, also after a restart", async () => {
    const s = await startNatsServer();
    const ends: (string | number | null)[] = [];
    s.onExit((code, signal) => ends.push(signal ?? code));
    try {
      await s.kill();
      await s.start();
      await s.stop();
      assert.equal(ends.length, 2, "one call per exit");
      assert.equal(ends[0], "SIGKILL");
    } finally {
      await s.stop();
    }
  });

  it("forms a 3-node JetStream cluster and survives losing one node", async () => {
    const c = await startNatsCluster(3);
    try {
      assert.equal(c.urls.length, 3);
      await c.servers[0]!.kill();
      await c.waitFormed();
      await c.servers[0]!.start();
      await c.waitFormed();
    } finally {
      await c.stop();
    }
  });
});
