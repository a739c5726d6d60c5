import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Bus, connectBus, ensureEventsStream, openKv } from "@zeekbus/bus";
import { HOSTS_BUCKET, HostFacts, hostKey, MANIFEST_FILE, type NodeSpec } from "@zeekbus/contracts";
import { natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { zeekSimBin, zeekSimShare } from "@zeekbus/zeek-sim";
import { ProvisionerClient } from "./client/provisioner-client.js";
import { startProvisioner } from "./service.js";
import { assertEvents, recordEvents, storedCounts } from "./testing/events.js";
import { renderCluster } from "./testing/lab-cluster.js";
import { localOnlySettings } from "./testing/settings.js";

describe("provisioner on localhost (no ssh)", () => {
  const nats = natsFixture();
  const cluster = uniqueCluster("provl");
  const prefix = mkdtempSync(join(tmpdir(), "prov-local-"));
  let bus: Bus;
  let call: ProvisionerClient;
  let hostEvents: ReturnType<typeof recordEvents>;
  let checkEvents: ReturnType<typeof recordEvents>;
  const evt = (resource: string, event: string, token: string) =>
    `zeekbus.evt.${cluster}.${resource}.${event}.${token}`;
  let specs: NodeSpec[];
  let auto: Record<string, string>;
  const site = { "local.zeek": "@load misc/stats\n" };

  const settings = (zeekPrefix: string, source?: string) => ({
    ...localOnlySettings(prefix, zeekPrefix),
    ...(source ? { ZEEKBUS_ZEEK_SOURCE: source } : {}),
  });

  before(async () => {
    mkdirSync(join(prefix, "bin"));
    mkdirSync(join(prefix, "share"));
    symlinkSync(zeekSimBin, join(prefix, "bin", "zeek"));
    symlinkSync(zeekSimShare, join(prefix, "share", "zeek"));
    ({ specs, auto } = renderCluster("localhost", "127.0.0.1", prefix));
    bus = await connectBus({ servers: nats.url, name: "provisioner-local-test" });
    call = new ProvisionerClient(bus, cluster);
    await ensureEventsStream(bus);
    hostEvents = recordEvents(bus, bus.subjects.evtFilter(cluster, "host"));
    checkEvents = recordEvents(bus, bus.subjects.evtFilter(cluster, "check"));
    const svc = await startProvisioner(bus, { cluster, settings: settings(prefix) });
    nats.teardown(() => bus.close());
    nats.teardown(() => svc.stop());
  });
  after(() => rmSync(prefix, { recursive: true, force: true }));

  it("collects facts of this machine into the hosts bucket", async () => {
    const r = await call.facts({ hosts: [{ host: "localhost" }, { host: "lo.cal", address: "127.0.0.1" }] });
    const facts = r.results[0]?.facts;
    assert.equal(r.results[0]?.outcome, "collected", JSON.stringify(r));
    assert.deepEqual(facts?.zeek, { path: `${prefix}/bin/zeek`, version: "8.2.0" });
    assert.ok(facts?.interfaces.some((i) => i.name === "lo"));
    const kv = await openKv(bus, HOSTS_BUCKET, HostFacts);
    assert.equal((await kv.get(hostKey(cluster, "localhost")))?.value.cpus, facts?.cpus);
    await assertEvents(hostEvents, cluster, "facts", [
      { subject: evt("host", "collected", "localhost"), name: "localhost", data: r.results[0] },
      { subject: evt("host", "collected", "lo_2Ecal"), name: "lo.cal", data: r.results[1] },
    ]);
  });

  it("installs, skips an unchanged install and checks", async () => {
    const hosts = [{ host: "localhost", auto, site }];
    const first = await call.install({ hosts });
    assert.equal(first.results[0]?.outcome, "installed", JSON.stringify(first));
    const layout = join(prefix, "spool/installed-scripts-do-not-touch/auto/cluster-layout.zeek");
    assert.equal(readFileSync(layout, "utf8"), auto["cluster-layout.zeek"]);
    assert.ok(existsSync(join(prefix, "spool/installed-scripts-do-not-touch/site", MANIFEST_FILE)));
    const mtime = statSync(layout).mtimeMs;
    assert.equal(first.results[0]?.zeek, "skipped", "local host whose prefix is the source");
    await assertEvents(hostEvents, cluster, "install", [
      { subject: evt("host", "installed", "localhost"), name: "localhost", data: first.results[0] },
    ]);
    const again = await call.install({ hosts });
    assert.equal(again.results[0]?.outcome, "unchanged");
    assert.equal(statSync(layout).mtimeMs, mtime);
    await assertEvents(hostEvents, cluster, "install", [
      { subject: evt("host", "unchanged", "localhost"), name: "localhost", data: again.results[0] },
    ]);

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
    await assertEvents(
      checkEvents,
      cluster,
      "check",
      ok.results.map((c) => ({ subject: evt("check", "ok", c.node), name: c.node, data: c })),
    );
    assert.deepEqual(await hostEvents.take(), [], "check publishes no host events");
  });

  it("publishes a redelivered request's events once", async () => {
    const filter = bus.subjects.evtFilter(cluster, "host", "unchanged");
    const subject = evt("host", "unchanged", "localhost");
    const stored = (await storedCounts(bus, filter))[subject] ?? 0;
    for (let i = 0; i < 2; i++) {
      const r = await call.install({ hosts: [{ host: "localhost", auto, site }] }, "redelivered-1");
      assert.equal(r.results[0]?.outcome, "unchanged");
    }
    const ids = (await hostEvents.take()).map((e) => e.id);
    assert.deepEqual(ids, ["redelivered-1.install.localhost", "redelivered-1.install.localhost"]);
    assert.deepEqual(await storedCounts(bus, filter), { [subject]: stored + 1 }, "the stream kept one");
  });

  it("checks staged files instead of the installed ones", async () => {
    const broken = { "local.zeek": "event zeek_init()\n\t{\n\tprint 1;\n" };
    const bad = await call.check({ nodes: specs, only: ["worker-1"], stage: { auto, site: broken } });
    assert.equal(bad.results[0]?.message, "worker-1 scripts failed.", JSON.stringify(bad));
    assert.match(bad.results[0]?.output ?? "", /syntax error/);
    assert.match(bad.results[0]?.output ?? "", /check-config-worker-1-[0-9a-f]+\/site\/local\.zeek/);
    await assertEvents(checkEvents, cluster, "check", [
      { subject: evt("check", "failed", "worker-1"), name: "worker-1", data: bad.results[0] },
    ]);
    const good = await call.check({
      nodes: specs,
      only: ["worker-1"],
      stage: { auto, site: { "local.zeek": "# v2\n" } },
    });
    assert.equal(good.results[0]?.outcome, "ok", JSON.stringify(good));
    const installed = await call.check({ nodes: specs, only: ["worker-1"] });
    assert.equal(installed.results[0]?.outcome, "ok", "the installed files are untouched");
    assert.deepEqual(
      readFileSync(join(prefix, "spool/installed-scripts-do-not-touch/site/local.zeek"), "utf8"),
      site["local.zeek"],
    );
  });

  it("mirrors the Zeek installation into an empty prefix, then finds it current", async () => {
    const other = mkdtempSync(join(tmpdir(), "prov-mirror-"));
    const c2 = uniqueCluster("provm");
    const svc = await startProvisioner(bus, { cluster: c2, settings: settings(other, prefix) });
    try {
      const call2 = new ProvisionerClient(bus, c2);
      const hosts = [{ host: "localhost", auto, site }];
      const first = await call2.install({ hosts: [{ ...hosts[0], policy: false } as (typeof hosts)[0]] });
      assert.equal(first.results[0]?.zeek, "mirrored", JSON.stringify(first));
      assert.equal(first.results[0]?.outcome, "installed");
      assert.deepEqual(
        first.results[0]?.swapped,
        ["lib", "share", "bin"].filter((d) => existsSync(join(prefix, d))).map((d) => `${other}/${d}`),
      );
      assert.equal(existsSync(join(other, "spool")), false, "policy: false writes no policy files");
      assert.match(execFileSync(join(other, "bin", "zeek"), ["-v"], { encoding: "utf8" }), /version 8\.2\.0/);
      assert.equal(statSync(join(other, "bin", "zeek")).mode & 0o777, 0o755);
      assert.ok(existsSync(join(other, "share", "zeek")));
      const policy = await call2.install({ hosts });
      assert.deepEqual([policy.results[0]?.zeek, policy.results[0]?.outcome], ["current", "installed"]);
      const again = await call2.install({ hosts });
      assert.deepEqual([again.results[0]?.zeek, again.results[0]?.outcome], ["current", "unchanged"]);
      const off = await call2.install({ hosts: [{ ...hosts[0], mirrorZeek: false } as (typeof hosts)[0]] });
      assert.equal(off.results[0]?.zeek, "skipped");
    } finally {
      await svc.stop();
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("names ZEEKBUS_ZEEK_SOURCE when the source has no zeek", async () => {
    const empty = mkdtempSync(join(tmpdir(), "prov-nosrc-"));
    const c3 = uniqueCluster("provn");
    const svc = await startProvisioner(bus, {
      cluster: c3,
      settings: settings(join(empty, "p"), join(empty, "src")),
    });
    try {
      const r = await new ProvisionerClient(bus, c3).install({ hosts: [{ host: "localhost", auto, site }] });
      assert.equal(r.results[0]?.outcome, "install_failed");
      assert.match(
        r.results[0]?.error ?? "",
        /ZEEKBUS_ZEEK_SOURCE .*prov-nosrc-.*\/src\/bin\/zeek not found/,
      );
      assert.equal(existsSync(join(empty, "p")), false, "nothing written");
    } finally {
      await svc.stop();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
