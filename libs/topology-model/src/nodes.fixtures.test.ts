import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatProblem, optBool, optString, parseZeekctlFiles } from "@zeekbus/config";
import { startCommandLine } from "./node-spec.js";
import { renderNodesText } from "./nodes-text.js";
import {
  baseline,
  baseZeekctlCfg,
  configOf,
  etc,
  INPUTS,
  maskNodes,
  maskPaths,
  topologyOf,
} from "./testing/fixtures.js";
import { buildTopology } from "./topology.js";

const nodesText = (cfg: string, node: string) =>
  maskNodes(renderNodesText(topologyOf(configOf(cfg, etc(node))).nodes));

describe("`zeekctl nodes` output and expansion match zeekctl's baselines", () => {
  const cases: Array<[string, string, string]> = [
    ["command.nodes/standalone", baseZeekctlCfg(), "node.cfg__default"],
    ["command.nodes/cluster", baseZeekctlCfg(), "node.cfg__logger"],
    ["initialization.node-lb-interfaces/out", baseZeekctlCfg(), "node.cfg__lb_interfaces_inline"],
    ["initialization.node-names/out", baseZeekctlCfg(), "node.cfg__names_inline"],
    ["initialization.node-lb-pfring/out", baseZeekctlCfg(), "node.cfg__pfring"],
    ["initialization.node-lb-pfring-multiple-id/out", etc("zeekctl.cfg__debug"), "node.cfg__pfring_2_nics"],
    ["initialization.node-lb-pfring-pin-cpus/out", baseZeekctlCfg(), "node.cfg__pfring_pin_cpus"],
    ["initialization.node-lb-myricom/out", baseZeekctlCfg(), "node.cfg__myricom"],
  ];
  for (const [base, cfg, node] of cases) {
    it(base, () => assert.equal(nodesText(cfg, node), maskNodes(baseline(base))));
  }

  // zeekctl prints this as "error:" but carries on (check passes), so zeekbus reports it as a warning.
  it("initialization.node-lb-pfring-round-robin/out: warning, plugin off, all nodes still built", () => {
    const config = configOf(etc("zeekctl.cfg__pfring_round_robin"), etc("node.cfg__pfring"));
    const r = buildTopology(config, INPUTS);
    const lines = baseline("initialization.node-lb-pfring-round-robin/out").split("\n");
    assert.deepEqual(
      r.problems.map((p) => `error: ${p.message}`),
      [lines[0]],
    );
    const names = lines.filter((l) => l.endsWith(" scripts are ok.")).map((l) => l.split(" ")[0]);
    assert.deepEqual(
      r.topology?.nodes.map((n) => n.name),
      names,
    );
    assert.ok(r.topology?.nodes.every((n) => Object.keys(n.envVars).length === 0));
  });

  it("myricom_env: node env_vars override the plugin's, extra vars kept", () => {
    const t = topologyOf(configOf(baseZeekctlCfg(), etc("node.cfg__myricom_env")));
    const w = t.nodes.find((n) => n.name === "worker-1-2")!;
    assert.deepEqual(w.envVars, { SNF_FLAGS: "0x2", VAR: "123", SNF_NUM_RINGS: "2" });
  });

  it("five_loggers and big_cluster: ports in zeekctl's order", () => {
    const five = topologyOf(configOf(baseZeekctlCfg(), etc("node.cfg__five_loggers")));
    const port = (t: typeof five, name: string) => t.nodes.find((n) => n.name === name)?.port;
    assert.deepEqual(
      ["manager", "logger-1", "logger-5", "proxy-1", "worker-1"].map((n) => port(five, n)),
      [27763, 27764, 27768, 27769, 27770],
    );
    const big = topologyOf(configOf(baseZeekctlCfg(), etc("node.cfg__big_cluster")));
    assert.equal(big.nodes.filter((n) => n.type === "worker").length, 20);
    assert.equal(port(big, "worker-2-10"), 27762 + 1 + 2 + 20);
    assert.equal(big.nodes.find((n) => n.name === "worker-2-1")?.envVars.PCAP_PF_RING_CLUSTER_ID, "22");
  });
});

describe("zeekctl.cfg options match zeekctl's baselines", () => {
  it("command.config/out", () => {
    const config = configOf(baseZeekctlCfg(), etc("node.cfg__default"));
    assert.equal(
      `mailsubjectprefix = ${optString(config.options, "MailSubjectPrefix")}\n`,
      baseline("command.config/out"),
    );
  });
  it("initialization.zeekctl-mixed-case/out", () => {
    const config = configOf(`${baseZeekctlCfg()}\n  comprEsSloGs   =     1 \n`, etc("node.cfg__default"));
    const py = (b: boolean) => (b ? "True" : "False");
    const text = `compresslogs = ${py(optBool(config.options, "CompressLogs"))}\ncompresslogsinflight = ${config.options.values.compresslogsinflight}\n`;
    assert.equal(text, baseline("initialization.zeekctl-mixed-case/out"));
  });
  it("initialization.zeekctl-new-option/out", () => {
    const r = parseZeekctlFiles({
      zeekctlCfg: { text: `${baseZeekctlCfg()}\nfoo1=this is a test\n`, file: "zeekctl.cfg" },
      nodeCfg: { text: etc("node.cfg__default"), file: "node.cfg" },
    });
    assert.ok(r.config);
    assert.deepEqual(
      r.problems.map((p) => `Warning: ${p.message}\n`),
      [baseline("initialization.zeekctl-new-option/out")],
    );
    assert.equal(
      formatProblem(r.problems[0]!),
      "zeekctl.cfg:127: ignoring unrecognized zeekctl option: foo1",
    );
  });
});

const GLOBAL_ENV = 'env_vars=myVar1 = "some Global;val",MyVar2=anotherglobal, myvar5=$PATH:/mydir';

describe("start command lines, env and argv match zeekctl's debug.log / stderr.log", () => {
  const cases: Array<[string, string, string]> = [
    ["initialization.node-env-vars", etc("zeekctl.cfg__debug"), "node.cfg__env_vars"],
    [
      "initialization.zeekctl-global-env-vars",
      `${etc("zeekctl.cfg__debug")}\n${GLOBAL_ENV}\n`,
      "node.cfg__cluster",
    ],
    [
      "initialization.zeekctl-node-env-vars",
      `${etc("zeekctl.cfg__debug")}\n${GLOBAL_ENV}\n`,
      "node.cfg__env_vars",
    ],
    ["plugin.af_packet", etc("zeekctl.cfg__debug"), "node.cfg__af_packet"],
  ];
  for (const [base, cfg, node] of cases) {
    const t = topologyOf(configOf(cfg, etc(node)));
    it(`${base}/debug.log`, () => {
      const expected = baseline(`${base}/debug.log`)
        .split("\n")
        .filter(Boolean)
        .map((l) => l.replace(/^.*\[execute\] localhost: /, ""));
      const actual = expected.map((line) => {
        const name = /CLUSTER_NODE=(\S+)/.exec(line)?.[1];
        const spec = t.specs.find((s) => s.name === name)!;
        const node = t.nodes.find((n) => n.name === name)!;
        return maskPaths(startCommandLine(t.config, node, spec.argv));
      });
      assert.deepEqual(actual, expected);
    });
    if (base === "plugin.af_packet") continue;
    if (base !== "initialization.zeekctl-node-env-vars") {
      it(`${base}/stderr.log: the environment worker-1 sees`, () => {
        const env = t.specs.find((s) => s.name === "worker-1")!.env;
        for (const line of baseline(`${base}/stderr.log`).split("\n").filter(Boolean)) {
          const [key, ...rest] = line.split("=");
          assert.equal(maskPaths(`${key}=${env[key!]}`), `${key}=${rest.join("=")}`);
        }
      });
    }
    it(`${base}/out: the env_vars option as written`, () => {
      assert.equal(`env_vars = ${optString(t.config.options, "env_vars")}\n`, baseline(`${base}/out`));
    });
  }
});
