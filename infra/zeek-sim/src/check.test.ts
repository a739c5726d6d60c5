import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  afPacketBlock,
  backendScript,
  configText,
  layoutText,
  type NodeSpec,
  spoolDir,
  writeCluster,
  zeekctlArgs,
  zeekctlTestdata,
} from "./fixtures.js";
import { cleanup, readStatus, runSim, tempDir } from "./harness.js";
import { zeekSimShare } from "./index.js";

const nodes: NodeSpec[] = [
  { name: "control", type: "CONTROL", port: 27762 },
  { name: "manager", type: "MANAGER", port: 27763, metricsPort: 9991 },
  { name: "logger-1", type: "LOGGER", port: 27764, metricsPort: 9992 },
  { name: "proxy-1", type: "PROXY", port: 27765, metricsPort: 9993 },
  { name: "worker-1", type: "WORKER", port: 27766, metricsPort: 9994 },
];

const checkEnv = { ZEEKCTL_CHECK_CONFIG: "1", ZEEKCTL_DISABLE_LISTEN: "1" };
const clusterMain = `${zeekSimShare}/base/frameworks/cluster/main.zeek`;

describe("zeek-sim -a (zeekctl check)", () => {
  let dir: string;
  let zeekpath: string;
  before(() => {
    dir = tempDir();
    const config = configText(
      afPacketBlock("worker-1", { fanout_id: "42", fanout_mode: "AF_Packet::FANOUT_HASH" }),
    );
    zeekpath = writeCluster(dir, layoutText(nodes), config);
  });
  after(cleanup);

  const check = (node: string, args = zeekctlArgs(node), env: Record<string, string> = {}) => {
    const cwd = spoolDir(dir, node);
    return runSim(["-a", ...args], {
      cwd,
      env: { ...checkEnv, ZEEKPATH: zeekpath, CLUSTER_NODE: node, ...env },
    });
  };

  for (const n of nodes.filter((x) => x.type !== "CONTROL")) {
    it(`accepts a good layout for ${n.name}`, async () => {
      const r = await check(n.name);
      assert.equal(r.stderr, "");
      assert.equal(r.code, 0);
      assert.equal(readStatus(join(dir, "spool", n.name, ".status")), "TERMINATED [atexit]");
    });
  }

  it("rejects a node missing from the layout", async () => {
    const r = await check("worker-9");
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `error in ${clusterMain}, line 421: 'worker-9' is not a valid node in the Cluster::nodes configuration\n` +
        "fatal error: errors occurred while initializing\n",
    );
    assert.equal(readStatus(join(dir, "spool", "worker-9", ".status")), "TERMINATED [fatal_error]");
  });

  it("rejects a cluster node without a backend script on 8.1+", async () => {
    const args = zeekctlArgs("manager").filter((a) => !a.includes("backend"));
    const r = await check("manager", args);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `fatal error in ${clusterMain}, line 426: Cluster::node set to 'manager', but Cluster::backend is ` +
        "Cluster::CLUSTER_BACKEND_NONE - please select a cluster backend to use.\n",
    );
  });

  it("accepts no backend script on 8.0 (Broker default) and the 7.1-8.0 connect script", async () => {
    const bare = zeekctlArgs("manager").filter((a) => !a.includes("backend"));
    assert.equal((await check("manager", bare, { ZEEK_SIM_VERSION: "8.0.2" })).code, 0);
    const connect = [...bare, "frameworks/cluster/backend/zeromq/connect"];
    assert.equal((await check("manager", connect)).code, 0);
  });

  it("fails without cluster-layout on ZEEKPATH", async () => {
    const r = await check("manager", zeekctlArgs("manager"), { ZEEKPATH: zeekSimShare });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `fatal error in ${zeekSimShare}/base/frameworks/cluster/__load__.zeek, line 36: can't find cluster-layout\n`,
    );
  });

  it("reports a malformed layout with file and line", async () => {
    const bad = tempDir();
    const text = layoutText(nodes).replace("$p=27765/tcp", "$p=27765/tpc");
    const zp = writeCluster(bad, text, configText());
    const r = await check("manager", zeekctlArgs("manager"), { ZEEKPATH: zp });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^error in \S+\/cluster-layout\.zeek, line 7: syntax error, at or near "27765\/tpc"\n/,
    );
  });

  it("reports an obsolete node type as an unknown identifier", async () => {
    const bad = tempDir();
    const text = layoutText(nodes).replace("Cluster::PROXY", "Cluster::TIME_MACHINE");
    const r = await check("manager", zeekctlArgs("manager"), { ZEEKPATH: writeCluster(bad, text) });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /line 7: unknown identifier Cluster::TIME_MACHINE, at or near "Cluster::TIME_MACHINE"/,
    );
  });

  it("reports a broken site script with unbalanced braces", async () => {
    const site = tempDir();
    writeFileSync(join(site, "local.zeek"), "@load misc/stats\nevent zeek_init()\n\t{\n\tprint 1;\n");
    const r = await check("manager", zeekctlArgs("manager"), { ZEEKPATH: `${site}:${zeekpath}` });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `error in ${join(site, "local.zeek")}, line 3: syntax error, at or near "{"\n`);
    assert.equal(readStatus(join(dir, "spool", "manager", ".status")), "TERMINATED [fatal_error]");
  });

  it("accepts zeek-cluster-layout-generator's format and Cluster::node on the command line", async () => {
    const gen = tempDir();
    const text = [
      "# Auto-generated by zeek-cluster-layout-generator",
      "",
      "redef Cluster::manager_is_logger = F;",
      "",
      "redef Cluster::nodes += {",
      '    ["manager"] = [$node_type=Cluster::MANAGER, $ip=127.0.0.1, $p=27760/tcp, $metrics_port=9991/tcp],',
      '    ["logger-1"] = [$node_type=Cluster::LOGGER, $ip=127.0.0.1, $p=27761/tcp, $manager="manager", $metrics_port=9992/tcp],',
      '    ["worker-1"] = [$node_type=Cluster::WORKER, $ip=127.0.0.1, $manager="manager", $metrics_port=9994/tcp],',
      "};",
      "",
      "@load base/frameworks/telemetry/options",
      'redef Telemetry::metrics_address = "0.0.0.0";',
      "redef Telemetry::metrics_port = Cluster::local_node_metrics_port();",
      "",
    ].join("\n");
    const zp = writeCluster(gen, text);
    const args = ["-a", backendScript, "local", "Cluster::node=worker-1"];
    const r = await runSim(args, { cwd: tempDir(), env: { ZEEKPATH: zp } });
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0);
    const missing = await runSim(["-a", backendScript, "local", "Cluster::node=worker-7"], {
      cwd: tempDir(),
      env: { ZEEKPATH: zp },
    });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /'worker-7' is not a valid node/);
  });

  it("loads -p prefixed scripts: a broken worker-1.local.zeek fails only worker-1", async () => {
    const site = tempDir();
    writeFileSync(join(site, "worker-1.local.zeek"), "event zeek_init()\n\t{\n\tprint (1;\n\t}\n");
    const env = { ZEEKPATH: `${site}:${zeekpath}` };
    const bad = await check("worker-1", zeekctlArgs("worker-1"), env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /worker-1\.local\.zeek, line 4: syntax error, at or near "\}"/);
    assert.equal((await check("manager", zeekctlArgs("manager"), env)).code, 0);
  });

  it("reports an @load it cannot resolve with the loading file and line", async () => {
    const site = tempDir();
    writeFileSync(join(site, "local.zeek"), "# site policy\n@load misc/stats\n@load no/such/package\n");
    const r = await check("manager", zeekctlArgs("manager"), { ZEEKPATH: `${site}:${zeekpath}` });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `fatal error in ${join(site, "local.zeek")}, line 3: can't find no/such/package\n`,
    );
  });

  it("parses zeekctl's own baseline layouts and configs", async (t) => {
    const base = zeekctlTestdata();
    if (!base) return t.skip("zeekctl-testdata not found beside the repository");
    for (const variant of ["logger", "no-logger", "two-loggers"]) {
      const d = tempDir();
      const strip = (f: string) => readFileSync(f, "utf8").split("\n").slice(1).join("\n");
      const layout = strip(join(base, "command.install-layout-files", variant));
      const cfgVariant = variant === "two-loggers" ? "logger" : variant;
      const config = strip(join(base, "command.install-zeekctl-config", cfgVariant));
      const zp = writeCluster(d, layout, config);
      for (const node of ["manager", "proxy-1", "worker-2"]) {
        const r = await check(node, zeekctlArgs(node), { ZEEKPATH: zp });
        assert.equal(r.code, 0, `${variant}/${node}: ${r.stderr}`);
      }
    }
  });
});
