import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type DeployReply, ValidationError } from "@zeekbus/contracts";
import { knownHostsWithout, type LabHost, replay } from "@zeekbus/lab";
import { AgentClient } from "@zeekbus/process-supervisor/client";
import { eventually, uniqueCluster } from "@zeekbus/test-harness";
import { type DeployLab, startDeployLab } from "./deploy-cluster.js";

const skip = process.getuid?.() !== 0 ? "needs root (network namespaces, sshd)" : false;
const GOOD_SITE = { "local.zeek": "@load misc/stats\n" };
const BROKEN_SITE = { "local.zeek": "event zeek_init()\n\t{\n\tprint 1;\n" };
const DOWN = "10.99.0.9";

/** etc/ of the example cluster: logger, manager, proxy on h1; 2 af_packet workers on h2, 1 on h3. */
function etc(worker2 = "", extra = "", proxy = ""): Record<string, string> {
  const node = [
    "[logger]\ntype=logger\nhost=10.99.0.1",
    "[manager]\ntype=manager\nhost=10.99.0.1",
    `[proxy-1]\ntype=proxy\nhost=10.99.0.1${proxy}`,
    "[worker-1]\ntype=worker\nhost=10.99.0.2\ninterface=mon0\nlb_method=af_packet\nlb_procs=2",
    `[worker-2]\ntype=worker\nhost=10.99.0.3\ninterface=af_packet::mon0${worker2}`,
    extra,
  ].join("\n\n");
  return { "zeekctl.cfg": "ZeekBase = /opt/zeek\n", "node.cfg": `${node}\n` };
}

const outcomes = (r: DeployReply) => r.nodes.map((n) => `${n.node}:${n.outcome}`).sort();

describe("deploy onto three lab hosts over SSH", { skip }, () => {
  let d: DeployLab;
  let hosts: LabHost[];
  const cluster = uniqueCluster("deploy");
  /** Pid of every node of the cluster, by name. */
  const pids = async () => {
    const all = await Promise.all(hosts.map((h) => new AgentClient(d.bus, cluster, h.ip).status()));
    return Object.fromEntries(all.flatMap((r) => r.nodes.map((n) => [n.name, `${n.state}:${n.pid}`])));
  };
  const deploy = (files = etc(), site: Record<string, string> = GOOD_SITE, extra = {}) =>
    d.deploy(cluster, files, site, extra);

  before(async () => {
    d = await startDeployLab(3);
    hosts = d.lab.hosts;
    await d.serve(cluster);
  });
  after(async () => {
    if (!d) return;
    await Promise.all(
      hosts.map((h) => new AgentClient(d.bus, cluster, h.ip).stop([]).catch(() => undefined)),
    );
    await d.teardown();
  });

  it("refuses a host whose key is not pinned: nothing runs there, the rollout starts nothing", async () => {
    const other = uniqueCluster("hostkey");
    const h3 = hosts[2]!;
    const known = knownHostsWithout(d.lab, h3.ip, join(d.lab.dir, "known_hosts-without-h3"));
    await d.serve(other, known);
    const r = await d.deploy(other, etc(), GOOD_SITE);
    assert.equal(r.outcome, "deploy_failed");
    assert.equal(r.failure?.step, "install");
    assert.deepEqual(r.failure?.failed, [h3.ip]);
    assert.match(r.failure?.message ?? "", /host key/i);
    assert.deepEqual(readdirSync(h3.privateDir), [], "nothing was written on the refused host");
    assert.deepEqual(r.nodes, []);
  });

  it("deploys from zero: Zeek mirrored, agents bootstrapped, every node running, conn.log from every worker", async () => {
    const r = await deploy();
    assert.equal(r.outcome, "deployed", r.failure?.message);
    assert.ok(
      r.install.every((i) => i.outcome === "installed" && ["mirrored", "current"].includes(i.zeek ?? "")),
    );
    assert.equal(r.install.find((i) => i.host === hosts[2]!.ip)?.zeek, "mirrored");
    assert.deepEqual(
      r.bootstrap.map((b) => b.outcome),
      ["bootstrapped", "bootstrapped", "bootstrapped"],
    );
    assert.deepEqual(outcomes(r), [
      "logger:started",
      "manager:started",
      "proxy-1:started",
      "worker-1-1:started",
      "worker-1-2:started",
      "worker-2:started",
    ]);
    assert.ok(Object.values(await pids()).every((s) => s.startsWith("running:")));
    await Promise.all([
      replay(d.lab, { host: hosts[1]!.name, trace: "wikipedia.pcap", pps: 5000, loop: 2 }),
      replay(d.lab, { host: hosts[2]!.name, trace: "wikipedia.pcap", pps: 5000, loop: 2 }),
    ]);
    const log = join(hosts[0]!.privateDir, "spool", "logger", "conn.log");
    const nodesInLog = () =>
      new Set(
        (existsSync(log) ? readFileSync(log, "utf8") : "")
          .split("\n")
          .filter((l) => l && !l.startsWith("#"))
          .map((l) => l.split("\t").at(-1)),
      );
    await eventually(() => ["worker-1-1", "worker-1-2", "worker-2"].every((w) => nodesInLog().has(w)), {
      timeoutMs: 30_000,
      what: "conn.log records from every worker",
    });
  });

  it("a second deploy without changes installs nothing and restarts nothing", async () => {
    const before = await pids();
    const r = await deploy();
    assert.equal(r.outcome, "unchanged", r.failure?.message);
    assert.deepEqual(r.nodes, []);
    assert.ok(r.install.every((i) => i.outcome === "unchanged" && i.zeek === "current"));
    assert.ok(r.bootstrap.every((b) => b.outcome === "already_running"));
    assert.deepEqual(await pids(), before);
  });

  it("one worker's env_vars changed: the plan shows one restart and the deploy restarts exactly that process", async () => {
    const before = await pids();
    const changed = etc("\nenv_vars=ZEEKBUS_E2E=1");
    const dry = await deploy(changed, GOOD_SITE, { dryRun: true });
    assert.equal(dry.outcome, "planned");
    assert.deepEqual(
      dry.plan.restart.map((s) => s.node),
      ["worker-2"],
    );
    const r = await deploy(changed);
    assert.equal(r.outcome, "deployed", r.failure?.message);
    assert.deepEqual(outcomes(r), ["worker-2:restarted"]);
    const after = await pids();
    for (const [node, state] of Object.entries(before)) {
      if (node === "worker-2") assert.notEqual(after[node], state);
      else assert.equal(after[node], state, `${node} untouched`);
    }
    assert.match(after["worker-2"] ?? "", /^running:/);
  });

  it("a broken site script fails the check; no policy file and no running node is touched", async () => {
    const before = await pids();
    const site = join(hosts[0]!.privateDir, "spool/installed-scripts-do-not-touch/site/local.zeek");
    const r = await deploy(etc("\nenv_vars=ZEEKBUS_E2E=2"), BROKEN_SITE);
    assert.equal(r.outcome, "deploy_failed");
    assert.equal(r.failure?.step, "check");
    assert.match(r.failure?.message ?? "", /scripts failed\./);
    assert.equal(readFileSync(site, "utf8"), GOOD_SITE["local.zeek"]);
    assert.deepEqual(await pids(), before);
  });

  it("a host that is down: the error names it and the rollout starts and restarts nothing", async () => {
    const before = await pids();
    const down = `[worker-3]\ntype=worker\nhost=${DOWN}\ninterface=mon0`;
    const r = await deploy(etc("\nenv_vars=ZEEKBUS_E2E=3", down));
    assert.equal(r.outcome, "deploy_failed");
    assert.deepEqual(r.failure?.failed, [DOWN]);
    assert.match(r.failure?.message ?? "", new RegExp(DOWN.replaceAll(".", "\\.")));
    assert.deepEqual(r.nodes, []);
    assert.deepEqual(await pids(), before);
  });

  it("shell metacharacters in a node name, interface or env value are rejected at validation", async () => {
    const before = await pids();
    const attempts = [
      etc("", "[w;touch /tmp/zeekbus-pwned]\ntype=worker\nhost=10.99.0.3\ninterface=mon0"),
      etc("", "[w$(id)]\ntype=worker\nhost=10.99.0.3\ninterface=mon0"),
      etc("", "[worker-4]\ntype=worker\nhost=10.99.0.3\ninterface=mon0;touch /tmp/zeekbus-pwned"),
      etc("\nenv_vars=A=$(touch /tmp/zeekbus-pwned)"),
      etc("\nenv_vars=A=`touch /tmp/zeekbus-pwned`"),
      etc("\nenv_vars=A=1;touch /tmp/zeekbus-pwned"),
      etc("\nenv_vars=A=1|sh"),
    ];
    for (const files of attempts) {
      await assert.rejects(deploy(files), (err: Error) => {
        assert.ok(err instanceof ValidationError, `${err.name}: ${err.message}`);
        assert.match(err.message, /invalid configuration/);
        return true;
      });
    }
    assert.equal(existsSync("/tmp/zeekbus-pwned"), false);
    assert.deepEqual(await pids(), before);
  });

  it("a tier that fails to start ends the rollout there, with the crash report; later tiers are untouched", async () => {
    const before = await pids();
    const r = await deploy(etc("\nenv_vars=ZEEKBUS_E2E=4", "", "\nenv_vars=ZEEK_SIM_FAULTS=crash-start"));
    assert.equal(r.outcome, "deploy_failed");
    assert.equal(r.failure?.step, "restart");
    assert.deepEqual(r.failure?.failed, ["proxy-1"]);
    assert.equal(r.failure?.crashReports.length, 1);
    const report = join(hosts[0]!.privateDir, r.failure!.crashReports[0]!.replace(/^\/opt\/zeek\//, ""));
    assert.ok(existsSync(report), `crash report ${report} exists`);
    assert.deepEqual(outcomes(r), ["proxy-1:restart_failed"]);
    const after = await pids();
    assert.equal(after["worker-2"], before["worker-2"], "the workers' tier never ran");
  });
});
