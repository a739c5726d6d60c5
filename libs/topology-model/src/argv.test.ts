import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatProblem } from "@zeekbus/config";
import { backendScript } from "./argv.js";
import { shellValue, shellWords } from "./shell.js";
import { baseZeekctlCfg, configOf, etc, INPUTS, topologyOf } from "./testing/fixtures.js";
import { buildTopology } from "./topology.js";

describe("zeek argv, env and cwd (ZEEKCTL-REFERENCE §6.1–6.2)", () => {
  it("standalone: zeekctl's .cmdline, no CLUSTER_NODE, cwd in the spool dir", () => {
    const t = topologyOf(configOf(baseZeekctlCfg(), etc("node.cfg__default")));
    const spec = t.specs[0]!;
    assert.equal(
      spec.argv.join(" "),
      "-i eth0 -U .status -p zeekctl -p zeekctl-live -p standalone -p local -p zeek policy/frameworks/cluster/backend/zeromq local.zeek zeekctl zeekctl/standalone zeekctl/auto",
    );
    assert.equal(spec.env.CLUSTER_NODE, undefined);
    assert.equal(spec.cwd, "/opt/zeek/spool/zeek");
    assert.equal(spec.zeek, "/usr/local/zeek/bin/zeek");
    assert.equal(spec.metricsPort, 9991);
    assert.equal(
      spec.env.ZEEKPATH,
      "/opt/zeek/spool/installed-scripts-do-not-touch/site::/opt/zeek/spool/installed-scripts-do-not-touch/auto:/usr/local/zeek/share/zeek:/usr/local/zeek/share/zeek/policy:/usr/local/zeek/share/zeek/site:/usr/local/zeek/share/zeek/builtin-plugins",
    );
    assert.equal(spec.env.PATH, "/usr/local/zeek/bin:/usr/local/zeek/share/zeekctl/scripts:/usr/bin:/bin");
  });

  it("options shape the command line: SaveTraces, Prefixes, SitePolicyScripts, aux_scripts, ZeekArgs", () => {
    const cfg = `${baseZeekctlCfg()}\nSaveTraces=1\nPrefixes=local:site2\nSitePolicyScripts=local.zeek extra.zeek\nZeekArgs=-C 'a b' Var=$HOME\n`;
    const node = etc("node.cfg__cluster").replace(
      "interface=eth1",
      "interface=eth1\naux_scripts=x.zeek\npin_cpus=3",
    );
    const t = topologyOf(configOf(cfg, node), { hostEnv: { HOME: "/root" } });
    const spec = t.specs.find((s) => s.name === "worker-2")!;
    assert.deepEqual(spec.argv, [
      ...["-i", "eth1", "-w", "trace.pcap", "-U", ".status", "-p", "zeekctl", "-p", "zeekctl-live"],
      ...["-p", "local", "-p", "site2", "-p", "worker-2", "policy/frameworks/cluster/backend/zeromq"],
      ...["local.zeek", "extra.zeek", "zeekctl", "zeekctl/auto", "x.zeek", "-C", "a b", "Var=/root"],
    ]);
    assert.deepEqual(spec.pinCpus, [3]);
    assert.equal(spec.env.CLUSTER_NODE, "worker-2");
  });

  it("the backend script follows the host's Zeek version", () => {
    assert.deepEqual(backendScript(true, "9.0.1"), { script: "policy/frameworks/cluster/backend/zeromq" });
    assert.deepEqual(backendScript(true, "8.1.0"), { script: "policy/frameworks/cluster/backend/zeromq" });
    assert.deepEqual(backendScript(true, "8.0.4"), { script: "frameworks/cluster/backend/zeromq/connect" });
    assert.deepEqual(backendScript(true, "7.1.0"), { script: "frameworks/cluster/backend/zeromq/connect" });
    assert.match(backendScript(true, "7.0.5").error ?? "", /needs Zeek 7.1/);
    assert.deepEqual(backendScript(false, "8.0.0"), {});
    assert.deepEqual(backendScript(false, "8.2.0"), { script: "policy/frameworks/cluster/backend/broker" });
    const t = topologyOf(configOf(baseZeekctlCfg(), etc("node.cfg__cluster")), {
      zeekVersions: { localhost: "8.0.2" },
    });
    assert.ok(t.specs.every((s) => s.argv.includes("frameworks/cluster/backend/zeromq/connect")));
    assert.ok(t.specs.every((s) => s.zeekVersion === "8.0.2"));
  });

  it("an unknown host name is zeekctl's lookup error with file:line; addresses can be supplied", () => {
    const node = etc("node.cfg__cluster").replaceAll("localhost", "sensor-a");
    const r = buildTopology(configOf(baseZeekctlCfg(), node), INPUTS);
    assert.deepEqual(r.problems.map(formatProblem), [
      "node.cfg:5: hostname lookup failed for 'sensor-a' in node config [no address known for this host]",
    ]);
    const t = topologyOf(configOf(baseZeekctlCfg(), node), { addresses: { "sensor-a": "fe80::1%eth0" } });
    assert.match(
      t.files["cluster-layout.zeek"] ?? "",
      /\["manager"\] = \[\$node_type=Cluster::MANAGER, \$ip=\[fe80::1\], /,
    );
  });
});

describe("shell interpretation of env_vars values and ZeekArgs", () => {
  it("removes quotes and expands known variables, as the start helper's shell does", () => {
    assert.equal(shellValue('"some Node val"'), "some Node val");
    assert.equal(shellValue("'$PATH'", { PATH: "/bin" }), "$PATH");
    assert.equal(shellValue("$PATH:/mydir", { PATH: "/bin" }), "/bin:/mydir");
    assert.equal(shellValue(`"\${A}x"\\ y`, { A: "1" }), "1x y");
    assert.equal(shellValue("$UNSET"), "$UNSET");
    assert.deepEqual(shellWords(` a "b c"  'd'e `), ["a", "b c", "de"]);
  });
});
