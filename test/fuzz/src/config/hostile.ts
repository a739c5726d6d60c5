// biome-ignore-all lint/suspicious/noTemplateCurlyInString: zeekctl.cfg text contains literal ${Name} references
/**
 * Hostile fragments of configuration text: values that once exhausted memory or reached a
 * running zeek (huge lb_procs, pin_cpus beyond any host, ports out of range), interpolation
 * loops, path tricks and unicode that parsers commonly mishandle.
 */

/** Numbers beyond every sensible bound, and a few that are not numbers at all. */
export const HUGE_NUMBERS = [
  "100000000",
  "2147483648",
  "4294967296",
  "9007199254740993",
  "99999999999999999999999999",
  "1e308",
  "1e400",
  "-1",
  "-2147483649",
  "0x7fffffff",
  "65536",
  "70000",
  "0",
  "NaN",
  "Infinity",
  "１２３",
];

/** Characters and sequences that break naive text handling. */
export const UNICODE = [
  "\uFEFF",
  "\u0000",
  "\u202Eevil",
  "\u200B",
  "\u00A0",
  "\u0085",
  "\u2028",
  "\uD800",
  "\uDFFF",
  "😀",
  "e\u0301",
  "ｗｏｒｋｅｒ",
  "\u001B[31m",
  "\t\v\f",
  "İ",
];

/** node.cfg lines and sections. */
export const NODE_SNIPPETS = [
  "lb_procs=100000000",
  "lb_procs=2147483648",
  "lb_procs=99999999999999999999",
  "lb_procs=-5",
  "pin_cpus=0,1,99999999999",
  "pin_cpus=4096",
  `pin_cpus=${Array.from({ length: 5000 }, (_, i) => i).join(",")}`,
  `env_vars=${"A=1,".repeat(5000)}`,
  "env_vars=A=$(reboot),B=`id`",
  "interface=../../etc/passwd",
  "interface=/dev/null",
  `host=${"h".repeat(300)}`,
  "host=::1%eth0",
  "host=999.999.999.999",
  "type=worker",
  "type=standalone",
  "lb_method=af_packet",
  "lb_method=interfaces\nlb_interfaces=eth0,eth1,,eth2",
  "af_packet_fanout_id=70000",
  "af_packet_fanout_id=-1",
  "af_packet_buffer_size=99999999999999999999",
  "af_packet_fanout_mode=FANOUT_$(id)",
  "aux_scripts=../../../etc/shadow",
  "zone_id=eth0",
  "%(host)s%(host)s%(type)s",
  "[worker-x]\ntype=worker\nhost=localhost\ninterface=eth0\nlb_method=af_packet\nlb_procs=100000000",
  "[DEFAULT]\nalpha=%(beta)s\nbeta=%(alpha)s",
  "[DEFAULT]\nlb_procs=100000000",
  "[../../x]\ntype=proxy\nhost=localhost",
  "[]\ntype=proxy",
  `[${"w".repeat(300)}]\ntype=proxy\nhost=localhost`,
];

/** zeekctl.cfg lines. */
export const CFG_SNIPPETS = [
  "ZeekPort = 70000",
  "ZeekPort = 0",
  "ZeekPort = 65535",
  "ZeekPort = -1",
  "MetricsPort = 65535",
  "MetricsPort = 99999999999",
  "LogRotationInterval = 99999999999999999999",
  "LogExpireInterval = 99999999 days",
  "StopTimeout = 1e400",
  "CompressLogsInFlight = 99999999",
  "PFRINGClusterID = 99999999999",
  "Env_Vars = A=${A}",
  "a = ${b}\nb = ${a}",
  "SpoolDir = ${SpoolDir}/x",
  "ZeekBase = ../../..",
  "ZeekBase = relative/path",
  "SitePolicyScripts = ../../etc/passwd",
  "lb_custom.InterfacePrefix = $(reboot)",
  "ClusterBackend = ZeroMQ",
  "ClusterBackend = Nonsense",
  'MailTo = "quoted"',
  `MailTo = ${"m".repeat(100_000)}`,
  "= value without key",
  "key without value",
];

/** networks.cfg lines. */
export const NETWORK_SNIPPETS = [
  "10.0.0.0/99",
  "::/129",
  "1.2.3.4/-1",
  "1.2.3.4",
  "0.0.0.0/0 everything",
  `10.1.0.0/16 ${"t".repeat(100_000)}`,
  "fe80::1%eth0/64",
  "10.0.0.0/8\t\t# tab",
  "256.0.0.0/8",
];

/** YAML lines, mappings and documents. */
export const YAML_SNIPPETS = [
  "nodes: 5",
  "nodes: []",
  "nodes:\n  - {name: w, type: worker, host: localhost, interface: eth0, lb_procs: 100000000, lb_method: af_packet}",
  "nodes:\n  - {name: w, type: worker, host: localhost, interface: eth0, pin_cpus: [99999999999]}",
  "options: {ZeekPort: 70000, MetricsPort: -1}",
  "options: {ZeekPort: 1e400}",
  "options: !!binary aGVsbG8=",
  "x: !!js/function 'function () {}'",
  "x: !custom tag",
  "---\nsecond: document",
  "? [complex, key]\n: value",
  "nodes: &n [*n]",
  "<<: *missing",
  "name: a\nname: b",
  "\t- tab indented",
  "networks: [10.0.0.0/99, '::/129', {cidr: 1.2.3.4/-1}]",
  "options: {Env_Vars: A=${A}}",
];
