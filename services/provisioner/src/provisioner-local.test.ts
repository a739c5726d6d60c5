import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Bus, connectBus, openKv } from "@zeekbus/bus";
import { HOSTS_BUCKET, HostFacts, hostKey, MANIFEST_FILE, type NodeSpec } from "@zeekbus/contracts";
import { natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { zeekSimBin, zeekSimShare } from "@zeekbus/zeek-sim";
import { startProvisioner } from "./service.js";
import { provisionerClient } from "./testing/client.js";
import { renderCluster } from "./testing/lab-cluster.js";

describe("provisioner on localhost (no ssh)", () => {
  const nats = natsFixture();
  const cluster = uniqueCluster("provl");
  const prefix = mkdtempSync(join(tmpdir(), "prov-local-"));
  let bus: Bus;
  let call: ReturnType<typeof provisionerClient>;
  let specs: NodeSpec[];
  let auto: Record<string, string>;
  const site = { "local.zeek": "@load misc/stats\n" };

  before(async () => {
    mkdirSync(join(prefix, "bin"));
    mkdirSync(join(prefix, "share"));
    symlinkSync(zeekSimBin, join(prefix, "bin", "zeek"));
    symlinkSync(zeekSimShare, join(prefix, "share", "zeek"));
    ({ specs, auto } = renderCluster("localhost", "127.0.0.1", prefix));
    bus = await connectBus({ servers: nats.url, name: "provisioner-local-test" });
    call = provisionerClient(bus, cluster);
    const svc = await startProvisioner(bus, {
      cluster,
      settings: {
        ZEEKBUS_SSH_USER: "nobody",
        ZEEKBUS_SSH_KEY: join(prefix, "no-key"),
        ZEEKBUS_KNOWN_HOSTS: join(prefix, "no-known-hosts"),
        ZEEKBUS_SSH_TOFU: false,
        ZEEKBUS_ZEEK_PREFIX: prefix,
      },
    });
    nats.teardown(() => bus.close());
    nats.teardown(() => svc.stop());
  });
  after(() => rmSync(prefix, { recursive: true, force: true }));

  it("collects facts of this machine into the hosts bucket", async () => {
    const r = await call.facts({ hosts: [{ host: "localhost" }] });
    const facts = r.results[0]?.facts;
    assert.equal(r.results[0]?.outcome, "collected", JSON.stringify(r));
    assert.deepEqual(facts?.zeek, { path: `${prefix}/bin/zeek`, version: "8.2.0" });
    assert.ok(facts?.interfaces.some((i) => i.name === "lo"));
    const kv = await openKv(bus, HOSTS_BUCKET, HostFacts);
    assert.equal((await kv.get(hostKey(cluster, "localhost")))?.value.cpus, facts?.cpus);
  });

  it("installs, skips an unchanged install and checks", async () => {
    const hosts = [{ host: "localhost", auto, site }];
    const first = await call.install({ hosts });
    assert.equal(first.results[0]?.outcome, "installed", JSON.stringify(first));
    const layout = join(prefix, "spool/installed-scripts-do-not-touch/auto/cluster-layout.zeek");
    assert.equal(readFileSync(layout, "utf8"), auto["cluster-layout.zeek"]);
    assert.ok(existsSync(join(prefix, "spool/installed-scripts-do-not-touch/site", MANIFEST_FILE)));
    const mtime = statSync(layout).mtimeMs;
    const again = await call.install({ hosts });
    assert.equal(again.results[0]?.outcome, "unchanged");
    assert.equal(statSync(layout).mtimeMs, mtime);

    const ok = await call.check({ nodes: specs });
    assert.deepEqual(
      ok.results.map((c) => c.message),
      [
        "logger scripts are ok.",
        "manager scripts are ok.",
        "proxy-1 scripts are ok.",
        "worker-1 scripts are ok.",
      ],
      JSON.stringify(ok),
    );
    assert.equal(existsSync(join(prefix, "spool", "worker-1")), false, "no node cwd created");
  });
});
