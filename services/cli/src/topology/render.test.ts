import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Bus, connectBus } from "@zeekbus/bus";
import { TopologyRender, ValidationError } from "@zeekbus/contracts";
import { natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { targetIn } from "./render.js";
import { configDir, removeConfigDirs, runCli } from "./testing.js";

describe("render: where a rendered file may be written", () => {
  it("inside --out only: never an absolute path or one climbing out with ..", () => {
    assert.equal(targetIn("out", "cluster-layout.zeek"), join("out", "cluster-layout.zeek"));
    assert.equal(targetIn("/tmp/out", "a..b.zeek"), "/tmp/out/a..b.zeek");
    for (const path of ["/etc/cron.d/zeekbus", "../escaped.zeek", "a/../../escaped.zeek", "..", ".", ""]) {
      assert.throws(() => targetIn("/tmp/out", path), ValidationError, path);
    }
  });
});

describe("zeekbus render against a responder that names paths outside --out", () => {
  const nats = natsFixture();
  const cluster = uniqueCluster("render");
  let bus: Bus;
  let paths: string[] = [];
  after(removeConfigDirs);

  before(async () => {
    bus = await connectBus({ servers: nats.url, name: "fake-topology" });
    bus.nc.subscribe(bus.subjects.api(cluster, "topology", "render"), {
      callback: (_e, m) => {
        const data = { revision: 1, nodes: [], files: paths.map((path) => ({ path, content: "x\n" })) };
        const type = `${TopologyRender.type}.reply`;
        m.respond(JSON.stringify({ type, id: "1", ts: new Date().toISOString(), cluster, data }));
      },
    });
    nats.teardown(() => bus.close());
  });

  it("writes nothing, anywhere, and exits 1", async () => {
    const dir = await configDir({});
    const out = join(dir, "out");
    for (const bad of ["../escaped.zeek", join(dir, "absolute.zeek")]) {
      paths = ["cluster-layout.zeek", bad];
      const r = await runCli(["--nats", nats.url, "--cluster", cluster, "render", "--out", out]);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /relative path/);
      assert.deepEqual(readdirSync(dir), [], `nothing written for ${bad}`);
    }
    paths = ["cluster-layout.zeek"];
    const ok = await runCli(["--nats", nats.url, "--cluster", cluster, "render", "--out", out]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(existsSync(join(out, "cluster-layout.zeek")));
  });
});
