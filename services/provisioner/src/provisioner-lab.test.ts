import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Bus, connectBus, encodeJson, errorFromReply, openKv } from "@zeekbus/bus";
import {
  HOSTS_BUCKET,
  HostFacts,
  hostKey,
  type NodeSpec,
  ProvisionerCheck,
  ProvisionerFacts,
  ProvisionerInstall,
  ValidationError,
} from "@zeekbus/contracts";
import { SshPool } from "@zeekbus/hostexec";
import { knownHostsWithout, type LabHost, type LabInfo } from "@zeekbus/lab";
import { natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { ProvisionerClient } from "./client/provisioner-client.js";
import { type RunningProvisioner, startProvisioner } from "./service.js";
import {
  labSettings,
  labSkipReason,
  renderCluster,
  startZeekLab,
  type ZeekLab,
} from "./testing/lab-cluster.js";

const DOWN = "10.99.1.200";
const GOOD_SITE = { "local.zeek": "@load misc/stats\n" };
const BROKEN_SITE = { "local.zeek": "event zeek_init()\n\t{\n\tprint 1;\n" };

describe("provisioner on the lab", { skip: labSkipReason() }, () => {
  const nats = natsFixture();
  const cluster = uniqueCluster("prov");
  let zl: ZeekLab | undefined;
  let lab: LabInfo;
  let h1: LabHost;
  let h2: LabHost;
  let bus: Bus;
  let specs: NodeSpec[];
  let auto: Record<string, string>;
  let scratch: string;

  const autoDir = (h: LabHost) => join(h.privateDir, "spool/installed-scripts-do-not-touch/auto");
  let call: ProvisionerClient;
  const raw = async (verb: string, type: string, data: unknown) => {
    const body =
      typeof data === "string"
        ? data
        : encodeJson({ type, id: "raw-1", ts: new Date().toISOString(), cluster, data });
    const msg = await bus.nc.request(bus.subjects.api(cluster, "provisioner", verb), body, {
      timeout: 10_000,
    });
    return errorFromReply(msg);
  };
  const serve = async (knownHostsPath?: string): Promise<RunningProvisioner> => {
    const svc = await startProvisioner(bus, { cluster, settings: labSettings(lab, knownHostsPath) });
    nats.teardown(() => svc.stop());
    return svc;
  };

  before(async () => {
    zl = await startZeekLab(2);
    lab = zl.lab;
    [h1, h2] = lab.hosts as [LabHost, LabHost];
    scratch = mkdtempSync(join(tmpdir(), "prov-test-"));
    ({ specs, auto } = renderCluster(h1.ip, h2.ip, h1.prefix));
    bus = await connectBus({ servers: nats.url, name: "provisioner-test" });
    nats.teardown(() => bus.close());
    call = new ProvisionerClient(bus, cluster);
  });
  after(async () => {
    rmSync(scratch ?? "/nonexistent", { recursive: true, force: true });
    await zl?.down();
  });

  it("refuses a host whose key is not pinned and runs nothing there", async () => {
    const svc = await serve(knownHostsWithout(lab, h2.ip, join(scratch, "known_hosts")));
    try {
      const r = await call.install({ hosts: [{ host: h2.ip, auto, site: GOOD_SITE }] });
      assert.equal(r.results[0]?.outcome, "install_failed");
      assert.match(
        r.results[0]?.error ?? "",
        new RegExp(`Host key for ${h2.ip.replaceAll(".", "\\.")} is not known`),
      );
      assert.equal(existsSync(join(h2.privateDir, "spool")), false, "nothing written on the refused host");
    } finally {
      await svc.stop();
    }
  });

  it("serves facts into the hosts bucket and names a host that is down", async (t) => {
    await serve();
    const t0 = performance.now();
    const r = await call.facts({
      hosts: [
        { host: "h1", address: h1.ip },
        { host: "h2", address: h2.ip },
        { host: "gone", address: DOWN },
      ],
    });
    t.diagnostic(`facts of 2 hosts + 1 down: ${Math.round(performance.now() - t0)} ms`);
    const [f1, f2, down] = r.results;
    assert.equal(f1?.outcome, "collected");
    assert.equal(f2?.outcome, "collected");
    assert.deepEqual(f1?.facts?.zeek, { path: "/opt/zeek/bin/zeek", version: "8.2.0" });
    assert.ok((f1?.facts?.cpus ?? 0) >= 1);
    assert.ok((f1?.facts?.freeDiskBytes ?? 0) > 0);
    assert.ok(
      f1?.facts?.interfaces.some((i) => i.name === "lo"),
      JSON.stringify(f1?.facts?.interfaces),
    );
    assert.equal(down?.outcome, "facts_failed");
    assert.match(down?.error ?? "", /10\.99\.1\.200/);
    const kv = await openKv(bus, HOSTS_BUCKET, HostFacts);
    const stored = await kv.get(hostKey(cluster, "h2"));
    assert.equal(stored?.value.address, h2.ip);
    assert.equal(stored?.value.zeek?.version, "8.2.0");
  });

  it("installs atomically, skips unchanged hosts and reinstalls a changed file", async (t) => {
    const one = { host: h1.ip, auto, site: GOOD_SITE };
    let t0 = performance.now();
    const first = await call.install({ hosts: [one] });
    t.diagnostic(`first install on 1 host: ${Math.round(performance.now() - t0)} ms`);
    assert.equal(first.results[0]?.outcome, "installed", JSON.stringify(first));
    const remote = `${h1.prefix}/spool/installed-scripts-do-not-touch/auto/cluster-layout.zeek`;
    const pool = new SshPool({ knownHostsPath: lab.knownHostsPath });
    try {
      const seen = await pool
        .host({ host: h1.ip, username: lab.sshUser, keyPath: lab.keyPath })
        .readFile(remote);
      assert.equal(seen.toString("utf8"), auto["cluster-layout.zeek"]);
    } finally {
      await pool.close();
    }
    assert.equal(existsSync(join(h2.privateDir, "spool")), false, "h2 not written");
    assert.notEqual(
      existsSync(remote) && readFileSync(remote, "utf8"),
      auto["cluster-layout.zeek"],
      "not on this machine",
    );
    const layout = join(autoDir(h1), "cluster-layout.zeek");
    assert.equal(existsSync(join(h1.privateDir, "spool", "logger")), false, "no node cwd created");
    const mtime = statSync(layout).mtimeMs;
    const version = realpathSync(autoDir(h1));

    const hosts = [one, { host: h2.ip, auto, site: GOOD_SITE }];
    const both = await call.install({ hosts });
    assert.deepEqual(
      both.results.map((r) => r.outcome),
      ["unchanged", "installed"],
    );
    t0 = performance.now();
    const again = await call.install({ hosts });
    t.diagnostic(`unchanged install on 2 hosts: ${Math.round(performance.now() - t0)} ms`);
    assert.deepEqual(
      again.results.map((r) => r.outcome),
      ["unchanged", "unchanged"],
    );
    assert.equal(statSync(layout).mtimeMs, mtime);
    assert.equal(realpathSync(autoDir(h1)), version);

    const changed = await call.install({
      hosts: [{ ...one, site: { "local.zeek": "@load misc/stats\n# v2\n" } }],
    });
    assert.equal(changed.results[0]?.outcome, "installed");
    assert.deepEqual(changed.results[0]?.swapped, [`${h1.prefix}/spool/installed-scripts-do-not-touch/site`]);
    assert.equal(realpathSync(autoDir(h1)), version, "auto untouched");
  });

  it("checks one node per type: ok with a good layout, failed with a broken site script", async (t) => {
    await call.install({
      hosts: [
        { host: h1.ip, auto, site: GOOD_SITE },
        { host: h2.ip, auto, site: GOOD_SITE },
      ],
    });
    const t0 = performance.now();
    const ok = await call.check({ nodes: specs });
    t.diagnostic(`check of 4 nodes on 2 hosts: ${Math.round(performance.now() - t0)} ms`);
    assert.deepEqual(
      ok.results.map((r) => r.message),
      [
        "logger scripts are ok.",
        "manager scripts are ok.",
        "proxy-1 scripts are ok.",
        "worker-1 scripts are ok.",
      ],
      JSON.stringify(ok),
    );

    await call.install({ hosts: [{ host: h2.ip, auto, site: BROKEN_SITE }] });
    const bad = await call.check({ nodes: specs, only: ["worker-1", "manager"] });
    const [worker, manager] = bad.results;
    assert.equal(worker?.message, "worker-1 scripts failed.");
    assert.match(worker?.output ?? "", /syntax error/);
    assert.equal(manager?.message, "manager scripts are ok.");
    assert.equal(existsSync(join(h2.privateDir, "spool", "worker-1")), false, "no node cwd created");
  });

  it("answers malformed requests with ValidationError and keeps serving", async () => {
    const bad = [
      await raw("facts", ProvisionerFacts.type, "not json"),
      await raw("facts", ProvisionerFacts.type, { hosts: [] }),
      await raw("facts", ProvisionerFacts.type, {
        hosts: [{ host: "h1", address: `${h1.ip};touch /tmp/x` }],
      }),
      await raw("install", ProvisionerInstall.type, {
        hosts: [{ host: h1.ip, auto: { "../x": "" }, site: {} }],
      }),
      await raw("install", ProvisionerInstall.type, {
        hosts: [{ host: h1.ip, auto: { ".zeekbus-manifest.json": "" }, site: {} }],
      }),
      await raw("check", ProvisionerCheck.type, { nodes: specs, only: ["nope"] }),
    ];
    for (const err of bad) assert.ok(err instanceof ValidationError, String(err));
    const r = await call.facts({ hosts: [{ host: "h1", address: h1.ip }] });
    assert.equal(r.results[0]?.outcome, "collected");
  });
});
