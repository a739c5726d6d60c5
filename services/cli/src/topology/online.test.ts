import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { connectBus, request } from "@zeekbus/bus";
import { DesiredState, NotFoundError, TopologyGet } from "@zeekbus/contracts";
import { eventually, natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { configDir, removeConfigDirs, runCli, zeekctlFixture } from "./testing.js";

describe("zeekbus apply/plan/nodes/config/render against a running topology service", () => {
  const nats = natsFixture();
  const cluster = uniqueCluster("cli");
  let service: ChildProcess | undefined;
  let dir = "";
  const cli = (...args: string[]) => runCli(["--nats", nats.url, "--cluster", cluster, ...args]);

  before(async () => {
    const nodeCfg = await readFile(zeekctlFixture("etc/node.cfg__logger"), "utf8");
    dir = await configDir({ "node.cfg": nodeCfg.replace("interface=eth1", "interface=eth1\nenv_vars=A=1") });
    service = spawn(process.execPath, [fileURLToPath(import.meta.resolve("@zeekbus/topology/main"))], {
      env: { ...process.env, ZEEKBUS_NATS: nats.url, ZEEKBUS_CLUSTER: cluster, ZEEKBUS_LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const bus = await connectBus({ servers: nats.url, name: "cli-test" });
    try {
      await eventually(
        () =>
          request(
            bus,
            bus.subjects.api(cluster, "topology", "get"),
            TopologyGet,
            cluster,
            {},
            DesiredState,
          ).catch((err: unknown) => err instanceof NotFoundError),
        { timeoutMs: 15_000, what: "topology service answering" },
      );
    } finally {
      await bus.close();
    }
  });
  after(async () => {
    if (service && service.exitCode === null) {
      const exited = new Promise((r) => service?.once("exit", r));
      service.kill("SIGTERM");
      await exited;
    }
    await removeConfigDirs();
  });

  it("nodes before any apply fails with exit 1", async () => {
    const r = await cli("nodes");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^Error: no desired state/);
  });

  it("apply prints the plan and the new revision; nodes then matches the offline output", async () => {
    const r = await cli("apply", dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Planned against revision 0\.\nstart:\n {2}logger on localhost: added to the config\n/,
    );
    assert.match(r.stdout, /Applied revision \d+\.\n$/);
    const online = await cli("nodes");
    const offline = await cli("nodes", "--config", dir);
    assert.equal(online.code, 0, online.stderr);
    assert.equal(online.stdout, offline.stdout);
    assert.match(online.stdout, /worker-2 - .* env_vars=A=1 /);
    const config = await cli("config");
    assert.match(config.stdout, /^mailsubjectprefix = \[Zeek\]$/m);
  });

  it("plan after changing one worker's env_vars shows exactly one restart", async () => {
    const nodeCfg = await readFile(join(dir, "node.cfg"), "utf8");
    await writeFile(join(dir, "node.cfg"), nodeCfg.replace("env_vars=A=1", "env_vars=A=2"));
    const r = await cli("plan", dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Planned against revision [1-9]\d*\.\nrestart:\n {2}worker-2 on localhost: changed: env\n$/,
    );
    const json = await cli("--json", "plan", dir);
    const plan = JSON.parse(json.stdout) as { restart: unknown[]; start: unknown[]; stop: unknown[] };
    assert.equal(plan.restart.length, 1);
    assert.equal(plan.start.length + plan.stop.length, 0);
  });

  it("apply --json stores the change; render --out writes the generated files", async () => {
    const applied = await cli("--json", "apply", dir);
    assert.equal(applied.code, 0, applied.stderr);
    const reply = JSON.parse(applied.stdout) as {
      revision: number;
      plan: { restart: Array<{ node: string }> };
    };
    assert.deepEqual(
      reply.plan.restart.map((s) => s.node),
      ["worker-2"],
    );
    const out = await configDir({});
    const r = await cli("render", "--out", out, "--node", "worker-2");
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((await readdir(out)).sort(), [
      "cluster-layout.zeek",
      "local-networks.zeek",
      "zeekctl-config.zeek",
    ]);
    const layout = await readFile(join(out, "cluster-layout.zeek"), "utf8");
    assert.match(layout, /^# Automatically generated\. Do not edit\./);
    const unknown = await cli("render", "--out", out, "--node", "worker-9");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^Error: unknown node 'worker-9'/);
  });
});
