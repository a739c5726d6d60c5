import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  baseline,
  baseZeekctlCfg,
  configOf,
  etc,
  grepContext,
  maskConfig,
  maskCurveKeys,
  topologyOf,
} from "./testing/fixtures.js";

const MAIL = [
  "MailTo=zeekctltest@somedomain",
  "MailAlarmsTo=zeekctltest2@somedomain2",
  "SendMail=/path/to/sendmail",
  "MailSubjectPrefix=This is Subject",
  "MailFrom=zeekctltestuser@mydomain",
  "LogRotationInterval=12345",
  "MailAlarmsInterval=98765",
  "PcapSnaplen=1212",
  "PcapBufsize=256",
].join("\n");

const withLines = (...lines: string[]) => `${baseZeekctlCfg()}\n${lines.join("\n")}\n`;
const file = (cfg: string, node: string, name: string, nets?: string) =>
  topologyOf(configOf(cfg, etc(node), nets === undefined ? undefined : etc(nets))).files[name] ?? "";

describe("generated files are byte-equal to zeekctl's baselines", () => {
  const cases: Array<[string, string, string, string]> = [
    ["command.install-layout-files/standalone", withLines(), "node.cfg__default", "standalone-layout.zeek"],
    ["command.install-layout-files/no-logger", withLines(), "node.cfg__cluster", "cluster-layout.zeek"],
    ["command.install-layout-files/logger", withLines(), "node.cfg__logger", "cluster-layout.zeek"],
    ["command.install-layout-files/two-loggers", withLines(), "node.cfg__two_loggers", "cluster-layout.zeek"],
    [
      "command.install-zeekport/no-logger",
      withLines("zeekport=41234"),
      "node.cfg__cluster",
      "cluster-layout.zeek",
    ],
    [
      "command.install-zeekport/two-loggers",
      withLines("zeekport=41234"),
      "node.cfg__two_loggers",
      "cluster-layout.zeek",
    ],
    [
      "command.install-zeekport/two-proxies",
      withLines("zeekport=41234"),
      "node.cfg__two_proxies",
      "cluster-layout.zeek",
    ],
    [
      "command.install-usewebsocket/cluster-layout-base",
      withLines(),
      "node.cfg__cluster",
      "cluster-layout.zeek",
    ],
    [
      "command.install-usewebsocket/cluster-layout-use-websocket",
      withLines("UseWebSocket = 1"),
      "node.cfg__cluster",
      "cluster-layout.zeek",
    ],
    [
      "command.install-usewebsocket/cluster-layout-use-websocket-custom",
      withLines("UseWebSocket = 1", "WebSocketHost = [::1]", "WebSocketPort = 1234"),
      "node.cfg__cluster",
      "cluster-layout.zeek",
    ],
    [
      "command.install-usewebsocket/cluster-layout-use-websocket-off",
      withLines("UseWebSocket = 1", "WebSocketHost = [::1]", "WebSocketPort = 1234", "UseWebSocket = 0"),
      "node.cfg__cluster",
      "cluster-layout.zeek",
    ],
    [
      "command.install-standalone-0-metricsport/standalone-layout.zeek",
      `${etc("zeekctl.cfg__no_email")}\nMetricsPort = 0\n`,
      "node.cfg__default",
      "standalone-layout.zeek",
    ],
  ];
  for (const [base, cfg, node, name] of cases) {
    it(base, () => assert.equal(file(cfg, node, name), baseline(base)));
  }

  for (const [variant, node] of [
    ["standalone", "node.cfg__default"],
    ["no-logger", "node.cfg__cluster"],
    ["logger", "node.cfg__logger"],
  ] as const) {
    it(`command.install-zeekctl-config/${variant}`, () => {
      const text = file(withLines(MAIL), node, "zeekctl-config.zeek");
      assert.equal(maskConfig(text), baseline(`command.install-zeekctl-config/${variant}`));
    });
  }

  it("command.install-empty-file-extract-dir/standalone", () => {
    const cfg = `${baseZeekctlCfg().replace(/^FileExtractDir = .*$/m, "FileExtractDir =")}\nMailFrom=zeekctltestuser@mydomain\n`;
    const text = file(cfg, "node.cfg__default", "zeekctl-config.zeek");
    assert.equal(maskConfig(text), baseline("command.install-empty-file-extract-dir/standalone"));
  });

  for (const [out, nets] of [
    ["ipv4-v6.out", "networks.cfg__ipv4_ipv6"],
    ["ipv4.out", "networks.cfg__ipv4"],
    ["ipv6.out", "networks.cfg__ipv6"],
  ] as const) {
    it(`command.install-networks/${out}`, () => {
      assert.equal(
        file(withLines(), "node.cfg__default", "local-networks.zeek", nets),
        baseline(`command.install-networks/${out}`),
      );
    });
  }

  for (const [variant, extra] of [
    ["default", []],
    ["custom", ["MetricsAddress = 192.168.0.1"]],
  ] as const) {
    it(`command.install-metrics-address/${variant}`, () => {
      const text = maskConfig(file(withLines(...extra), "node.cfg__cluster", "zeekctl-config.zeek"));
      assert.equal(grepContext(text, /Telemetry/, 1), baseline(`command.install-metrics-address/${variant}`));
    });
  }

  it("command.install-metrics-address/empty", () => {
    const text = file(
      withLines("MetricsAddress = 192.168.0.1", "MetricsAddress ="),
      "node.cfg__cluster",
      "zeekctl-config.zeek",
    );
    assert.equal(
      text.includes("Telemetry") ? "" : "<no Telemetry found>\n",
      baseline("command.install-metrics-address/empty"),
    );
  });

  it("command.install-cluster-backend-zeromq/zeekctl-config-zeromq-load", () => {
    const text = file(withLines("ClusterBackend = ZeroMQ"), "node.cfg__cluster", "zeekctl-config.zeek");
    const expected = baseline("command.install-cluster-backend-zeromq/zeekctl-config-zeromq-load");
    assert.equal(grepContext(text, /^@load /, 1), expected);
  });

  it("command.install-cluster-backend-zeromq-ipv6/zeekctl-config-redefs", () => {
    const node = etc("node.cfg__cluster").replaceAll("localhost", "::1");
    const text = topologyOf(configOf(withLines(), node)).files["zeekctl-config.zeek"] ?? "";
    const expected = baseline("command.install-cluster-backend-zeromq-ipv6/zeekctl-config-redefs");
    assert.equal(grepContext(text, /redef .*Cluster::Backend/, 2), expected);
  });

  it("command.install-cluster-backend-zeromq-encryption/zeekctl-config-redefs", () => {
    const x = "x".repeat(40);
    const keys = { serverPublic: x, serverSecret: x, clientPublic: x, clientSecret: x };
    const config = configOf(
      withLines("cluster_backend_zeromq.use_curve_encryption = 1"),
      etc("node.cfg__cluster"),
    );
    const text = maskCurveKeys(topologyOf(config, { curveKeys: keys }).files["zeekctl-config.zeek"] ?? "");
    const expected = baseline("command.install-cluster-backend-zeromq-encryption/zeekctl-config-redefs");
    assert.equal(grepContext(text, /redef .*Cluster::Backend/, 2), expected);
    const found = text
      .split("\n")
      .filter((l) => /^redef .*curve_/.test(l))
      .sort()
      .map((l) => `${l}\n`)
      .join("");
    assert.equal(found, baseline("command.install-cluster-backend-zeromq-encryption/found-keys"));
  });

  it("plugin.af_packet/zeekctl-config.zeek", () => {
    const text = file(etc("zeekctl.cfg__debug"), "node.cfg__af_packet", "zeekctl-config.zeek");
    const start = text.indexOf("# Begin code from af_packet plugin");
    assert.ok(start >= 0, text);
    assert.equal(text.slice(start), baseline("plugin.af_packet/zeekctl-config.zeek"));
  });
});
