import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Bus, connectBus } from "@zeekbus/bus";
import type { NodeSpec } from "@zeekbus/contracts";
import { SshPool } from "@zeekbus/hostexec";
import { type LabHost, type LabInfo, repoRoot } from "@zeekbus/lab";
import { type NatsServer, startNatsServer } from "@zeekbus/nats-infra";
import { AgentClient } from "@zeekbus/process-supervisor/client";
import { uniqueCluster } from "@zeekbus/test-harness";
import { ProvisionerClient } from "./client/provisioner-client.js";
import { type RunningProvisioner, startProvisioner } from "./service.js";
import { agentPids, killAgents } from "./testing/agents.js";
import {
  labSettings,
  labSkipReason,
  renderCluster,
  startZeekLab,
  type ZeekLab,
} from "./testing/lab-cluster.js";

const GOOD_SITE = { "local.zeek": "@load misc/stats\n" };
const BROKEN_SITE = { "local.zeek": "event zeek_init()\n\t{\n\tprint 1;\n" };
const AGENT_FILE = "/opt/zeek/zeekbus/zeekbus-supervisor-0.1.0.mjs";

describe("provisioner mirror, staged check and bootstrap on the lab", { skip: labSkipReason() }, () => {
  const cluster = uniqueCluster("provf");
  let zl: ZeekLab | undefined;
  let nats: NatsServer | undefined;
  let lab: LabInfo;
  let h1: LabHost;
  let h2: LabHost;
  let bus: Bus | undefined;
  let source: string;
  let specs: NodeSpec[];
  let auto: Record<string, string>;
  let svc: RunningProvisioner | undefined;
  let call: ProvisionerClient;

  const serve = async () => {
    svc = await startProvisioner(bus as Bus, {
      cluster,
      natsUrl: nats?.url as string,
      settings: { ...labSettings(lab), ZEEKBUS_ZEEK_SOURCE: source },
    });
  };
  const sshRun = async (h: LabHost, argv: string[]) => {
    const pool = new SshPool({ knownHostsPath: lab.knownHostsPath });
    try {
      return await pool.host({ host: h.ip, username: lab.sshUser, keyPath: lab.keyPath }).run(argv);
    } finally {
      await pool.close();
    }
  };

  before(async () => {
    source = mkdtempSync(join(tmpdir(), "prov-zeek-source-"));
    const sim = join(repoRoot(), "infra", "zeek-sim", "c");
    execFileSync("make", ["-s", "-C", sim, "install", `PREFIX=${source}`], { stdio: "ignore" });
    zl = await startZeekLab(2);
    lab = zl.lab;
    [h1, h2] = lab.hosts as [LabHost, LabHost];
    for (const entry of readdirSync(h2.privateDir)) rmSync(join(h2.privateDir, entry), { recursive: true });
    ({ specs, auto } = renderCluster(h1.ip, h2.ip, h1.prefix));
    nats = await startNatsServer({ host: lab.rootIp });
    bus = await connectBus({ servers: nats.url, name: "provisioner-lab-features" });
    call = new ProvisionerClient(bus, cluster);
    await serve();
  });
  after(async () => {
    await svc?.stop();
    await bus?.close();
    await zl?.down();
    const left = killAgents(AGENT_FILE, cluster);
    await nats?.stop();
    rmSync(source ?? "/nonexistent", { recursive: true, force: true });
    assert.deepEqual(left, [], "lab down ended the agents started in its namespaces");
  });

  it("mirrors Zeek into an empty host prefix, then finds it current", async (t) => {
    const hosts = [
      { host: h1.ip, auto, site: GOOD_SITE },
      { host: h2.ip, auto, site: GOOD_SITE },
    ];
    const t0 = performance.now();
    const first = await call.install({ hosts });
    t.diagnostic(`install with a Zeek mirror to 1 of 2 hosts: ${Math.round(performance.now() - t0)} ms`);
    assert.deepEqual(
      first.results.map((r) => [r.zeek, r.outcome]),
      [
        ["current", "installed"],
        ["mirrored", "installed"],
      ],
      JSON.stringify(first),
    );
    const version = await sshRun(h2, ["/opt/zeek/bin/zeek", "-v"]);
    assert.equal(version.code, 0, version.stderr);
    assert.match(version.stdout, /version 8\.2\.0/);
    assert.equal(existsSync(join(h2.privateDir, "spool", "worker-1")), false, "no node cwd created");
    const again = await call.install({ hosts });
    assert.deepEqual(
      again.results.map((r) => [r.zeek, r.outcome]),
      [
        ["current", "unchanged"],
        ["current", "unchanged"],
      ],
    );
  });

  it("checks staged files: a broken site script fails although the installed one is fine", async () => {
    const bad = await call.check({
      nodes: specs,
      only: ["worker-1", "manager"],
      stage: { auto, site: BROKEN_SITE },
    });
    assert.deepEqual(
      bad.results.map((r) => r.message),
      ["worker-1 scripts failed.", "manager scripts failed."],
      JSON.stringify(bad),
    );
    assert.match(
      bad.results[0]?.output ?? "",
      /check-config-worker-1-[0-9a-f]+\/site\/local\.zeek, line 2: syntax error/,
    );
    const good = await call.check({ nodes: specs, stage: { auto, site: { "local.zeek": "# staged\n" } } });
    assert.deepEqual(
      good.results.map((r) => r.outcome),
      ["ok", "ok", "ok", "ok"],
      JSON.stringify(good),
    );
    assert.deepEqual(readdirSync(join(h2.privateDir, "spool", "tmp")), [], "check dirs removed");
  });

  it("bootstraps an agent that outlives the SSH session, then finds it running", async (t) => {
    const t0 = performance.now();
    const r = await call.bootstrap({ hosts: [{ host: "h1", address: h1.ip }] });
    t.diagnostic(`bootstrap on 1 host: ${Math.round(performance.now() - t0)} ms`);
    assert.deepEqual(
      r.results,
      [{ host: "h1", outcome: "bootstrapped", agentVersion: "0.1.0" }],
      JSON.stringify(r),
    );
    assert.equal(agentPids(AGENT_FILE, cluster).length, 1);
    await svc?.stop();
    svc = undefined;
    await new Promise((res) => setTimeout(res, 1000));
    const status = await new AgentClient(bus as Bus, cluster, "h1").status([], 2000);
    assert.equal(status.host, "h1", "answers with the provisioner's SSH connections closed");
    await serve();
    const again = await call.bootstrap({ hosts: [{ host: "h1", address: h1.ip }] });
    assert.deepEqual(again.results, [{ host: "h1", outcome: "already_running", agentVersion: "0.1.0" }]);
    assert.equal(agentPids(AGENT_FILE, cluster).length, 1, "no second agent");
  });
});
