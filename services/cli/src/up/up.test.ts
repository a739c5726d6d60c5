import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { eventually, natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { alive, childrenOf, processesOfCluster, servicesOn, startUp, type UpProcess } from "./testing.js";

const SERVICES = ["process-supervisor", "provisioner", "topology"];

async function stopped(up: UpProcess, expectedCode: number): Promise<void> {
  const kids = childrenOf(up.child.pid!);
  if (up.child.exitCode === null) up.child.kill("SIGTERM");
  assert.equal(await up.exited, expectedCode, up.out());
  await eventually(() => kids.every((k) => !alive(k.pid)), { what: "children gone" });
}

function natsChild(up: UpProcess): number | undefined {
  return childrenOf(up.child.pid!).find((c) => c.comm === "nats-server")?.pid;
}

describe("zeekbus up", () => {
  const nats = natsFixture();

  it("starts nats and the services, lists them, and exits 0 on SIGTERM leaving no child", async () => {
    const up = startUp(["--nats-port", "0"], {}, ["--cluster", uniqueCluster("up")]);
    try {
      const url = await up.url();
      assert.deepEqual(await servicesOn(url), SERVICES);
      const kids = childrenOf(up.child.pid!);
      assert.ok(kids.length >= 4, `nats-server and the three services are children (${kids.length})`);
      await stopped(up, 0);
      assert.match(up.out(), /zeekbus up: stopped/);
    } finally {
      up.child.kill("SIGKILL");
    }
  });

  it("restarts its nats-server when it dies, logging it; the services come back on the same URL", async () => {
    const up = startUp(["--nats-port", "0"], {}, ["--cluster", uniqueCluster("up")]);
    try {
      const url = await up.url();
      await servicesOn(url);
      const first = natsChild(up);
      assert.ok(first, "nats-server is a child of up");
      process.kill(first, "SIGKILL");
      await eventually(() => /"msg":"nats-server exited; restarting"/.test(up.out()), {
        what: "the exit logged",
      });
      const second = await eventually(() => natsChild(up), { timeoutMs: 15_000, what: "a new nats-server" });
      assert.notEqual(second, first);
      await eventually(() => /"msg":"nats-server restarted"/.test(up.out()), { what: "the restart logged" });
      assert.deepEqual(await servicesOn(url), SERVICES);
      await stopped(up, 0);
    } finally {
      up.child.kill("SIGKILL");
    }
  });

  it("exits 1, logging why and stopping its services, when its nats-server cannot be restarted", async () => {
    // A nats-server that starts once: a second start fails, as with a port taken in between.
    const once = join(mkdtempSync(join(tmpdir(), "zeekbus-nats-once-")), "nats-server");
    writeFileSync(once, `#!/bin/sh\n[ -e "$0.ran" ] && exit 1\n: >"$0.ran"\nexec nats-server "$@"\n`);
    chmodSync(once, 0o755);
    const up = startUp(["--nats-port", "0"], { ZEEKBUS_NATS_SERVER: once }, [
      "--cluster",
      uniqueCluster("up"),
    ]);
    try {
      await servicesOn(await up.url());
      const kids = childrenOf(up.child.pid!);
      process.kill(natsChild(up)!, "SIGKILL");
      assert.equal(await up.exited, 1, up.out());
      assert.match(up.out(), /"msg":"nats-server exited; restarting"/);
      assert.match(up.out(), /"msg":"nats-server could not be restarted; stopping"/);
      assert.match(up.out(), /zeekbus up: stopped, the nats-server is gone/);
      await eventually(() => kids.every((k) => !alive(k.pid)), { what: "services stopped" });
    } finally {
      up.child.kill("SIGKILL");
    }
  });

  it("uses the server ZEEKBUS_NATS names, as every verb does, and starts none of its own", async () => {
    const cluster = uniqueCluster("up");
    const up = startUp([], { ZEEKBUS_NATS: nats.url }, ["--cluster", cluster]);
    try {
      assert.equal(await up.url(), nats.url);
      assert.ok((await servicesOn(nats.url)).length >= 3);
      assert.equal(natsChild(up), undefined, "no embedded nats-server");
      assert.equal(childrenOf(up.child.pid!).length, 3, "the three services only");
      await stopped(up, 0);
    } finally {
      up.child.kill("SIGKILL");
    }
  });

  it("stops its services before it exits when the reader of its output has gone (zeekbus up | head -0)", async () => {
    const cluster = uniqueCluster("up");
    const up = startUp([], { ZEEKBUS_NATS: nats.url }, ["--cluster", cluster]);
    up.child.stdout?.destroy();
    try {
      assert.equal(await up.exited, 0, up.out());
      assert.deepEqual(processesOfCluster(cluster), [], "no service of the cluster left running");
    } finally {
      up.child.kill("SIGKILL");
    }
  });

  it("refuses --nats together with the embedded server's --nats-port or --nats-listen", async () => {
    const up = startUp(["--nats-port", "4333"], {}, ["--nats", nats.url]);
    assert.equal(await up.exited, 1);
    assert.match(up.out(), /--nats-port and --nats-listen configure the embedded nats-server/);
    assert.doesNotMatch(up.out(), /zeekbus up: nats/);
  });
});
