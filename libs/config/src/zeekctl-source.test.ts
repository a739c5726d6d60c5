// biome-ignore-all lint/suspicious/noTemplateCurlyInString: zeekctl.cfg text contains literal ${Name} references
/** Option and networks.cfg rules read from zeekctl 2.6's source, each named after its function. */
import assert from "node:assert/strict";
import { hostname, userInfo } from "node:os";
import { describe, it } from "node:test";
import { parseNetworksCfg } from "./networks-cfg.js";
import { formatProblem } from "./problem.js";
import { optInt, optString, processOptionContext } from "./resolve-options.js";
import { parseYamlSpec } from "./yaml-spec.js";
import { parseZeekctlFiles } from "./zeekctl-files.js";

const NODES = "[manager]\ntype=manager\nhost=localhost\n\n[proxy-1]\ntype=proxy\nhost=localhost\n";

const parse = (zeekctlCfg: string) =>
  parseZeekctlFiles({
    zeekctlCfg: { text: zeekctlCfg, file: "zeekctl.cfg" },
    nodeCfg: { text: NODES, file: "node.cfg" },
  });

/** Runs `fn` with `$USER` set to `user` (or unset), restoring it afterwards. */
function withUser<T>(user: string | undefined, fn: () => T): T {
  const saved = process.env.USER;
  if (user === undefined) delete process.env.USER;
  else process.env.USER = user;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.USER;
    else process.env.USER = saved;
  }
}

describe("zeekctl.cfg options from zeekctl's source", () => {
  it("options.py: MetricsAddress defaults to 127.0.0.1", () => {
    assert.equal(optString(parse("").config!.options, "MetricsAddress"), "127.0.0.1");
  });

  it("config.py _initialize_options: MailTo / MailFrom come from the given user and host name", () => {
    const r = parseZeekctlFiles(
      { nodeCfg: { text: NODES, file: "node.cfg" } },
      { user: "ops", hostname: "collector-7" },
    );
    const o = r.config!.options;
    assert.deepEqual(
      ["MailTo", "MailAlarmsTo", "MailFrom"].map((k) => optString(o, k)),
      ["ops", "ops", "Zeek <zeek@collector-7>"],
    );
  });

  it("config.py _initialize_options: without a context, this process's $USER and host name", () => {
    assert.deepEqual(
      withUser("zeek-render", () => processOptionContext()),
      { user: "zeek-render", hostname: hostname() },
    );
    assert.equal(
      withUser(undefined, () => processOptionContext().user),
      userInfo().username,
    );
    const o = withUser("zeek-render", () => parse("").config!.options);
    assert.equal(optString(o, "MailTo"), "zeek-render");
    assert.equal(optString(o, "MailFrom"), `Zeek <zeek@${hostname()}>`);
  });

  it("config.py init_option: only defaults are substituted; a value set in zeekctl.cfg is used as written", () => {
    const o = parse("BrokerDBDir = ${SpoolDir}/brokerstore\nSpoolDir = /srv/spool\n").config!.options;
    assert.equal(optString(o, "BrokerDBDir"), "${SpoolDir}/brokerstore");
    assert.equal(optString(o, "DefaultStoreDir"), "/srv/spool/stores");
    assert.equal(optString(parse("SpoolDir = ${SpoolDir}/x\n").config!.options, "SpoolDir"), "${SpoolDir}/x");
  });

  it("config.py subst: a reference is ${Name} (letters, digits) or ${Name:default} (not empty)", () => {
    const o = parse("SpoolDir = /srv/${a_b}/${x:}/${y:dflt}\n").config!.options;
    assert.equal(optString(o, "TmpDir"), "/srv/${a_b}/${x:}/dflt/tmp");
  });

  it("config.py _read_config: an int is read as Python's int() reads it", () => {
    const o = parse("ZeekPort = 27_770\nMetricsPort = +9000\n").config!.options;
    assert.deepEqual([optInt(o, "ZeekPort"), optInt(o, "MetricsPort")], [27770, 9000]);
    assert.deepEqual(parse("ZeekPort = 27__770\n").problems.map(formatProblem), [
      "zeekctl.cfg:1: zeekctl option 'zeekport' has invalid value '27__770' for type int",
    ]);
  });

  it("cluster_backend_zeromq.init: use_curve_encryption other than auto, 0, 1, true, false is an error", () => {
    assert.deepEqual(
      parse("cluster_backend_zeromq.use_curve_encryption = yes\n").problems.map(formatProblem),
      [
        "zeekctl.cfg:1: invalid UseCurveEncryption value: yes (cluster_backend_zeromq.use_curve_encryption is auto, 0 or 1)",
      ],
    );
    assert.deepEqual(parse("cluster_backend_zeromq.use_curve_encryption = TRUE\n").problems, []);
    const broker = "ClusterBackend = Broker\ncluster_backend_zeromq.use_curve_encryption = yes\n";
    assert.deepEqual(parse(broker).problems, []);
    const yaml = `options:\n  cluster_backend_zeromq.use_curve_encryption: " 1 "\nnodes:\n  - { name: zeek, type: standalone, host: localhost }\n`;
    assert.deepEqual(parseYamlSpec(yaml, "cluster.yaml").problems, []);
  });
});

describe("cluster backend plugins", () => {
  it("cluster_backend_check.cmd_install_pre: a ClusterBackend no backend plugin takes is an error", () => {
    assert.deepEqual(parse("ClusterBackend = zmq\n").problems.map(formatProblem), [
      "zeekctl.cfg:1: unsupported cluster backend 'zmq': ClusterBackend is ZeroMQ or Broker",
    ]);
    assert.deepEqual(parse("ClusterBackend = broker\n").problems, []);
  });

  it("cluster_backend_zeromq.init / cluster_backend_broker.init: ClusterTopicSeparator '.' or '/' unless set", () => {
    const sep = (cfg: string) => optString(parse(cfg).config!.options, "ClusterTopicSeparator");
    assert.deepEqual(
      [sep(""), sep("ClusterBackend = Broker\n"), sep("ClusterTopicSeparator = :\n")],
      [".", "/", ":"],
    );
  });
});

describe("networks.cfg from zeekctl's source", () => {
  it("install.py read_networks: lines end at \\n, \\r\\n or a lone \\r, as Python reads text", () => {
    const r = parseNetworksCfg("10.0.0.0/8 office\r172.16.0.0/12 lab\r\n192.168.0.0/16\n", "networks.cfg");
    assert.deepEqual(
      r.networks.map((n) => [n.cidr, n.tag ?? "", n.source.line]),
      [
        ["10.0.0.0/8", "office", 1],
        ["172.16.0.0/12", "lab", 2],
        ["192.168.0.0/16", "", 3],
      ],
    );
  });

  it("install.py read_networks: a line separator inside a tag stays in the tag (Python splits lines at \\n only)", () => {
    const r = parseNetworksCfg("10.0.0.0/8 a\u2028b\n", "networks.cfg");
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.networks.map((n) => [n.cidr, n.tag]),
      [["10.0.0.0/8", "a\u2028b"]],
    );
  });

  it("install.py read_networks: a bare address (Zeek: type clash in set[subnet]) is rejected at file:line", () => {
    const r = parseNetworksCfg("# local nets\n10.0.0.0/8\nfe80::1 link-local\n", "networks.cfg");
    assert.deepEqual(r.problems.map(formatProblem), [
      "networks.cfg:3: network 'fe80::1' has no prefix length: write it as <address>/<length>",
    ]);
  });
});
