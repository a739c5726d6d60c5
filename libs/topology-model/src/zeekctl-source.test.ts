// biome-ignore-all lint/suspicious/noTemplateCurlyInString: zeekctl.cfg text contains literal ${Name} references
/**
 * Generated files byte for byte as zeekctl 2.6 (fd306d7) writes them, derived from its source
 * (install.py, options.py, config.py, plugins/) where its btest baselines are masked or extracts.
 * Each test is named after the zeekctl function whose output it pins.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseYamlSpec } from "@zeekbus/config";
import { configOf, RENDER_CONTEXT, topologyOf } from "./testing/fixtures.js";

const KEYS = {
  serverPublic: "S".repeat(40),
  serverSecret: "s".repeat(40),
  clientPublic: "C".repeat(40),
  clientSecret: "c".repeat(40),
};

/** Two hosts: logger, manager, proxy on 10.0.0.1; an af_packet worker group on 10.0.0.2. */
const NODE_CFG = `[logger-1]
type=logger
host=10.0.0.1

[manager]
type=manager
host=10.0.0.1

[proxy-1]
type=proxy
host=10.0.0.1

[worker-1]
type=worker
host=10.0.0.2
interface=eth0
lb_method=af_packet
lb_procs=2
af_packet_buffer_size=67108864
af_packet_fanout_mode=AF_Packet::FANOUT_HASH
af_packet_block_size =
`;

const HEAD = [
  "# Automatically generated. Do not edit.",
  'redef Notice::mail_dest = "zeekctltest";',
  'redef Notice::mail_dest_pretty_printed = "zeekctltest";',
  'redef Notice::sendmail = "/usr/sbin/sendmail";',
  'redef Notice::mail_subject_prefix = "[Zeek]";',
  'redef Notice::mail_from = "Zeek <zeek@sensor>";',
  'redef Broker::table_store_db_directory = "/usr/local/zeek/spool/brokerstore";',
  "@if ( Cluster::local_node_type() == Cluster::LOGGER )",
  "redef Log::default_rotation_interval = 3600 secs;",
  "redef Log::default_mail_alarms_interval = 86400 secs;",
  "@endif",
  "redef Pcap::snaplen = 9216;",
  "redef Pcap::bufsize = 128;",
  'redef global_hash_seed = "0123abcd";',
  'redef Cluster::default_store_dir = "/usr/local/zeek/spool/stores";',
  'redef FileExtract::prefix = "/usr/local/zeek/spool/extract_files/" + Cluster::node;',
  "@if ( |Telemetry::metrics_address| == 0 )",
  'redef Telemetry::metrics_address = "127.0.0.1";',
  "@endif",
  "",
].join("\n");

const ZEROMQ = [
  "# Begin code from cluster_backend_zeromq plugin",
  "# Configure ZeroMQ",
  "@load policy/frameworks/cluster/backend/zeromq/options",
  "",
  'redef Cluster::Backend::ZeroMQ::listen_xpub_endpoint = "tcp://10.0.0.1:27760";',
  'redef Cluster::Backend::ZeroMQ::listen_xsub_endpoint = "tcp://10.0.0.1:27761";',
  'redef Cluster::Backend::ZeroMQ::connect_xpub_endpoint = "tcp://10.0.0.1:27761";',
  'redef Cluster::Backend::ZeroMQ::connect_xsub_endpoint = "tcp://10.0.0.1:27760";',
  "",
  "redef Cluster::Backend::ZeroMQ::ipv6 = F;",
  "",
  "# Public and secret server keys for ZeroMQ CURVE encryption.",
  "@if ( |Cluster::Backend::ZeroMQ::curve_server_publickey| == 0 )",
  `redef Cluster::Backend::ZeroMQ::curve_server_publickey = "${KEYS.serverPublic}";`,
  "@endif",
  "@if ( |Cluster::Backend::ZeroMQ::curve_server_secretkey| == 0 )",
  `redef Cluster::Backend::ZeroMQ::curve_server_secretkey = "${KEYS.serverSecret}";`,
  "@endif",
  "",
  "# Public and secret client keys for ZeroMQ CURVE encryption.",
  "@if ( |Cluster::Backend::ZeroMQ::curve_client_publickey| == 0 )",
  `redef Cluster::Backend::ZeroMQ::curve_client_publickey = "${KEYS.clientPublic}";`,
  "@endif",
  "@if ( |Cluster::Backend::ZeroMQ::curve_client_secretkey| == 0 )",
  `redef Cluster::Backend::ZeroMQ::curve_client_secretkey = "${KEYS.clientSecret}";`,
  "@endif",
  "",
  "# End code from cluster_backend_zeromq plugin",
  "",
].join("\n");

const AF_PACKET = [
  "# Begin code from af_packet plugin",
  "",
  '@if( peer_description == "worker-1-1" ) ',
  "  redef AF_Packet::buffer_size = 67108864;",
  "  redef AF_Packet::fanout_mode = AF_Packet::FANOUT_HASH;",
  "@endif",
  '@if( peer_description == "worker-1-2" ) ',
  "  redef AF_Packet::buffer_size = 67108864;",
  "  redef AF_Packet::fanout_mode = AF_Packet::FANOUT_HASH;",
  "@endif",
  "# End code from af_packet plugin",
  "",
].join("\n");

const LAYOUT = [
  "# Automatically generated. Do not edit.",
  "redef Cluster::manager_is_logger = F;",
  "redef Cluster::nodes = {",
  '\t["control"] = [$node_type=Cluster::CONTROL, $ip=10.0.0.1, $p=27762/tcp],',
  '\t["manager"] = [$node_type=Cluster::MANAGER, $ip=10.0.0.1, $p=27763/tcp, $metrics_port=9991/tcp],',
  '\t["logger-1"] = [$node_type=Cluster::LOGGER, $ip=10.0.0.1, $p=27764/tcp, $metrics_port=9992/tcp],',
  '\t["proxy-1"] = [$node_type=Cluster::PROXY, $ip=10.0.0.1, $p=27765/tcp, $manager="manager", $metrics_port=9993/tcp],',
  '\t["worker-1-1"] = [$node_type=Cluster::WORKER, $ip=10.0.0.2, $p=27766/tcp, $manager="manager", $metrics_port=9994/tcp],',
  '\t["worker-1-2"] = [$node_type=Cluster::WORKER, $ip=10.0.0.2, $p=27767/tcp, $manager="manager", $metrics_port=9995/tcp],',
  "};",
  "",
  "event zeek_init()",
  "\t{",
  '\tif ( getenv("ZEEKCTL_DISABLE_LISTEN") == "" && (Cluster::local_node_type() == Cluster::MANAGER || ! Cluster::is_enabled()) )',
  "\t\t{",
  "\t\tCluster::listen_websocket([$listen_addr=127.0.0.1, $listen_port=27759/tcp]);",
  "\t\t}",
  "\t}",
  "",
].join("\n");

/** The files of NODE_CFG with `zeekctlCfg` (nothing: every option at options.py's default). */
const files = (zeekctlCfg = "", networksCfg = "", ctx = RENDER_CONTEXT) =>
  topologyOf(configOf(zeekctlCfg, NODE_CFG, networksCfg, ctx), { curveKeys: KEYS }).files;

describe("generated files byte for byte from zeekctl's source", () => {
  it("make_zeekctl_config_policy: a two-host ZeroMQ cluster with every option at its default", () => {
    assert.equal(files()["zeekctl-config.zeek"], `${HEAD}\n${ZEROMQ}\n${AF_PACKET}`);
  });

  it("cluster_backend_zeromq.zeekctl_config: each CURVE key redef ends with ';'", () => {
    const text = files()["zeekctl-config.zeek"] ?? "";
    const keyLines = text.split("\n").filter((l) => l.startsWith("redef Cluster::Backend::ZeroMQ::curve_"));
    assert.equal(keyLines.length, 4);
    for (const line of keyLines) assert.match(line, /^redef \S+ = "[A-Za-z]{40}";$/);
  });

  it("options.py: MetricsAddress defaults to 127.0.0.1 (set, it is rendered as given; empty, not at all)", () => {
    const telemetry = (cfg: string) =>
      (files(cfg)["zeekctl-config.zeek"] ?? "").split("\n").filter((l) => l.includes("metrics_address"));
    assert.deepEqual(telemetry(""), [
      "@if ( |Telemetry::metrics_address| == 0 )",
      'redef Telemetry::metrics_address = "127.0.0.1";',
    ]);
    assert.deepEqual(
      telemetry("MetricsAddress = 0.0.0.0\n")[1],
      'redef Telemetry::metrics_address = "0.0.0.0";',
    );
    assert.deepEqual(telemetry("MetricsAddress =\n"), []);
  });

  it("config.py _initialize_options: MailTo is the renderer's $USER, MailFrom Zeek <zeek@HOSTNAME>", () => {
    const text = files("", "", { user: "ops", hostname: "collector-7.example" })["zeekctl-config.zeek"] ?? "";
    const mail = text.split("\n").filter((l) => l.startsWith("redef Notice::mail_"));
    assert.deepEqual(mail, [
      'redef Notice::mail_dest = "ops";',
      'redef Notice::mail_dest_pretty_printed = "ops";',
      'redef Notice::mail_subject_prefix = "[Zeek]";',
      'redef Notice::mail_from = "Zeek <zeek@collector-7.example>";',
    ]);
    const set = files("MailTo = noc@example.org\n")["zeekctl-config.zeek"] ?? "";
    assert.ok(set.includes('redef Notice::mail_dest_pretty_printed = "noc@example.org";\n'));
  });

  it("make_zeekctl_config_policy: CompressLogsInFlight's lines come after Cluster::default_store_dir", () => {
    const text = files("CompressLogsInFlight = 6\nCompressExtension = gz\n")["zeekctl-config.zeek"] ?? "";
    const from = text.indexOf("redef global_hash_seed");
    assert.equal(
      text.slice(from, text.indexOf("redef FileExtract::prefix")),
      'redef global_hash_seed = "0123abcd";\n' +
        'redef Cluster::default_store_dir = "/usr/local/zeek/spool/stores";\n' +
        "redef LogAscii::gzip_level = 6;\n" +
        'redef LogAscii::gzip_file_extension = "gz";\n',
    );
  });

  it("cluster_backend_zeromq.init: use_curve_encryption is read lower-cased and stripped", () => {
    const yaml = `options:\n  cluster_backend_zeromq.use_curve_encryption: " TRUE "\nnodes:\n  - { name: zeek, type: standalone, host: localhost }\n`;
    const config = parseYamlSpec(yaml, "cluster.yaml", RENDER_CONTEXT).config!;
    const text = topologyOf(config, { curveKeys: KEYS }).files["zeekctl-config.zeek"] ?? "";
    assert.ok(text.includes(`curve_server_publickey = "${KEYS.serverPublic}";\n`), text);
  });

  it("zzz_af_packet.zeekctl_config: a blank af_packet_* value renders nothing", () => {
    assert.ok(!(files()["zeekctl-config.zeek"] ?? "").includes("block_size"));
  });

  it("make_local_networks: no network still ends with '};' and a blank line", () => {
    assert.equal(
      files()["local-networks.zeek"],
      "# Automatically generated. Do not edit.\n\nredef Site::local_nets = {\n};\n\n",
    );
    assert.equal(
      files("", "10.0.0.0/8 office\n")["local-networks.zeek"],
      "# Automatically generated. Do not edit.\n\nredef Site::local_nets = {\n\t10.0.0.0/8,\t# office\n};\n\n",
    );
  });

  it("make_layout: byte for byte, and TimeMachineHost never renders Cluster::TIME_MACHINE", () => {
    assert.equal(files()["cluster-layout.zeek"], LAYOUT);
    assert.equal(files("TimeMachineHost = 10.0.0.9\n")["cluster-layout.zeek"], LAYOUT);
  });

  it("config.py init_option: a value set in zeekctl.cfg is written as given, ${...} and all", () => {
    const text = files("BrokerDBDir = ${SpoolDir}/brokerstore\n")["zeekctl-config.zeek"] ?? "";
    assert.ok(text.includes('redef Broker::table_store_db_directory = "${SpoolDir}/brokerstore";\n'), text);
  });

  it("config.py _read_config: int options are read as Python's int() reads them", () => {
    const text = files("LogRotationInterval = +1_800\n")["zeekctl-config.zeek"] ?? "";
    assert.ok(text.includes("redef Log::default_rotation_interval = 1800 secs;\n"), text);
  });
});
