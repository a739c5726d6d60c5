import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatProblem } from "./problem.js";
import { parseZeekctlFiles } from "./zeekctl-files.js";

const HEAD = "[manager]\ntype=manager\nhost=localhost\n\n[proxy-1]\ntype=proxy\nhost=localhost\n\n";
/** A cluster whose `[worker-1]` header is line 9 and whose worker keys start at line 10. */
const cluster = (...workerLines: string[]) => `${HEAD}[worker-1]\n${workerLines.join("\n")}\n`;

function problemsOf(nodeCfg: string, zeekctlCfg = "", networksCfg = ""): string[] {
  const r = parseZeekctlFiles({
    zeekctlCfg: { text: zeekctlCfg, file: "zeekctl.cfg" },
    nodeCfg: { text: nodeCfg, file: "node.cfg" },
    networksCfg: { text: networksCfg, file: "networks.cfg" },
  });
  assert.equal(
    r.config === undefined,
    r.problems.some((p) => p.level === "error"),
  );
  return r.problems.map(formatProblem);
}

describe("node.cfg: one test per zeekctl validation message, with file:line", () => {
  const cases: Array<[string, string, string[]]> = [
    ["no type", cluster("host=localhost"), ["node.cfg:9: no type given for node worker-1"]],
    [
      "unknown type",
      cluster("type=sensor", "host=localhost"),
      ["node.cfg:10: unknown node type 'sensor' given for node 'worker-1'"],
    ],
    ["no host", cluster("type=worker"), ["node.cfg:9: no host given for node 'worker-1'"]],
    [
      "env_vars item without =",
      cluster("type=worker", "host=localhost", "env_vars=A=1,B"),
      ["node.cfg:12: node 'worker-1' config: missing '=' in env_vars option value: B"],
    ],
    [
      "env_vars empty name",
      cluster("type=worker", "host=localhost", "env_vars= =x"),
      [
        "node.cfg:12: node 'worker-1' config: env_vars option value must contain at least one environment variable name: =x",
      ],
    ],
    [
      "lb options on a non-worker",
      `${HEAD}[worker-1]\ntype=worker\nhost=localhost\n\n[logger]\ntype=logger\nhost=localhost\nlb_procs=2\n`,
      ["node.cfg:16: node 'logger' config: load balancing node config options are only for worker nodes"],
    ],
    [
      "lb_procs not an integer",
      cluster("type=worker", "host=localhost", "lb_method=af_packet", "lb_procs=two"),
      ["node.cfg:13: number of load-balanced processes must be an integer for node 'worker-1'"],
    ],
    [
      "lb_procs below one",
      cluster("type=worker", "host=localhost", "lb_method=af_packet", "lb_procs=0"),
      ["node.cfg:13: number of load-balanced processes must be greater than zero for node 'worker-1'"],
    ],
    [
      "lb_method without lb_procs",
      cluster("type=worker", "host=localhost", "lb_method=af_packet"),
      ["node.cfg:12: number of load-balanced processes not specified for node 'worker-1'"],
    ],
    [
      "lb_procs without lb_method",
      cluster("type=worker", "host=localhost", "lb_procs=2"),
      ["node.cfg:12: no load balancing method given for node 'worker-1'"],
    ],
    [
      "unknown lb_method",
      cluster("type=worker", "host=localhost", "lb_procs=2", "lb_method=netmap"),
      ["node.cfg:13: unknown load balancing method 'netmap' given for node 'worker-1'"],
    ],
    [
      "interfaces without lb_interfaces",
      cluster("type=worker", "host=localhost", "lb_procs=2", "lb_method=interfaces"),
      ["node.cfg:13: list of load-balanced interfaces not specified for node 'worker-1'"],
    ],
    [
      "lb_interfaces count mismatch",
      cluster("type=worker", "host=localhost", "lb_procs=2", "lb_method=interfaces", "lb_interfaces=eth0"),
      [
        "node.cfg:14: number of load-balanced interfaces is not same as number of load-balanced processes for node 'worker-1'",
      ],
    ],
    [
      "bad pin_cpus",
      cluster("type=worker", "host=localhost", "pin_cpus=0,-1"),
      ["node.cfg:12: pin cpus list must contain only non-negative integers for node 'worker-1'"],
    ],
    [
      "duplicate name after expansion (case-insensitive)",
      `${cluster("type=worker", "host=localhost", "lb_procs=2", "lb_method=af_packet")}\n[Worker-1-2]\ntype=worker\nhost=localhost\n`,
      ['node.cfg:15: node name "Worker-1-2" is a duplicate of "worker-1-2"'],
    ],
    ["empty node.cfg", "# nothing\n", ["node.cfg: no nodes found in node config"]],
    [
      "two managers",
      `${cluster("type=worker", "host=localhost")}\n[manager-2]\ntype=manager\nhost=localhost\n`,
      ["node.cfg:13: only one manager can be defined in node config"],
    ],
    [
      "standalone plus another node",
      `[zeek]\ntype=standalone\nhost=localhost\n\n[w]\ntype=worker\nhost=localhost\n`,
      ["node.cfg:1: more than one node defined in standalone node config"],
    ],
    [
      "no manager",
      "[proxy-1]\ntype=proxy\nhost=localhost\n",
      ["node.cfg: no manager defined in node config"],
    ],
    ["no proxy", "[manager]\ntype=manager\nhost=localhost\n", ["node.cfg: no proxy defined in node config"]],
    [
      "manager on localhost, worker elsewhere",
      cluster("type=worker", "host=10.0.0.2"),
      ["node.cfg:9: all nodes must use localhost/127.0.0.1/::1 when manager uses it"],
    ],
    [
      "unknown key is a warning",
      cluster("type=worker", "host=localhost", "colour=blue"),
      ["node.cfg:12: ignoring unrecognized node config option 'colour' given for node 'worker-1'"],
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(problemsOf(text), expected));
  }
});

describe("zeekbus's extra rules", () => {
  it("rejects a node name unsafe as a directory or shell word", () => {
    assert.deepEqual(
      problemsOf(cluster("type=worker", "host=localhost").replace("[worker-1]", "[worker;1]")),
      [`node.cfg:9: node name 'worker;1' contains the character ";", which is not allowed`],
    );
  });
  it("accepts a dotted name such as relay.east", () => {
    assert.deepEqual(
      problemsOf(cluster("type=worker", "host=localhost").replace("[worker-1]", "[relay.east]")),
      [],
    );
  });
  it("rejects a bare networks.cfg address without /len, with file:line", () => {
    assert.deepEqual(problemsOf(cluster("type=worker", "host=localhost"), "", "# nets\n10.1.2.3 office\n"), [
      "networks.cfg:2: network '10.1.2.3' has no prefix length: write it as <address>/<length>",
    ]);
  });
  it("warns that TimeMachineHost is obsolete", () => {
    assert.deepEqual(problemsOf(cluster("type=worker", "host=localhost"), "TimeMachineHost = tm.example\n"), [
      "zeekctl.cfg:1: option 'TimeMachineHost' is obsolete and ignored: Zeek has no Time Machine",
    ]);
  });
  it("reports every problem of every file at once", () => {
    const node = `${HEAD}[worker-1]\ntype=worker\n\n[worker-2]\ntype=worker\nhost=localhost\npin_cpus=x\n`;
    const out = problemsOf(node, "BroPort = 47760\nZeekPort = many\n", "fe80::1\n");
    assert.deepEqual(out, [
      "zeekctl.cfg:1: option 'BroPort' is no longer supported, please use 'ZeekPort' instead",
      "zeekctl.cfg:2: zeekctl option 'zeekport' has invalid value 'many' for type int",
      "node.cfg:9: no host given for node 'worker-1'",
      "node.cfg:15: pin cpus list must contain only non-negative integers for node 'worker-2'",
      "networks.cfg:1: network 'fe80::1' has no prefix length: write it as <address>/<length>",
    ]);
  });
});

describe("zeekctl.cfg rules", () => {
  const node = cluster("type=worker", "host=localhost");
  const cases: Array<[string, string, string[]]> = [
    ["syntax error", "ZeekPort 1\n", ["zeekctl.cfg:1: zeekctl config syntax error: ZeekPort 1"]],
    [
      "quoted value",
      'MailTo = "a@b"\n',
      ['zeekctl.cfg:1: value of zeekctl option "mailto" cannot be wrapped in quotes'],
    ],
    [
      "bad bool",
      "Debug = yes\n",
      ["zeekctl.cfg:1: zeekctl option 'debug' has invalid value 'yes' for type bool"],
    ],
    [
      "legacy name",
      "BroArgs = -C\n",
      ["zeekctl.cfg:1: option 'BroArgs' is no longer supported, please use 'ZeekArgs' instead"],
    ],
    [
      "expire shorter than rotation",
      "LogExpireInterval = 10 min\n",
      ["zeekctl.cfg:1: Log expire interval cannot be shorter than the log rotation interval"],
    ],
    ["unknown option", "Colour = blue\n", ["zeekctl.cfg:1: ignoring unrecognized zeekctl option: colour"]],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(problemsOf(node, text), expected));
  }
});
