/** Node keys zeekctl accepts in node.cfg (node.py plus its built-in plugins). */

/** Keys of zeekctl's Node object. */
export const CORE_NODE_KEYS = [
  "type",
  "host",
  "interface",
  "lb_procs",
  "lb_method",
  "lb_interfaces",
  "pin_cpus",
  "env_vars",
  "aux_scripts",
  "zone_id",
  "zeekbase",
  "ether",
] as const;

/** Suffixes of the af_packet plugin's keys (`af_packet_<suffix>`), alphabetical as zeekctl renders them. */
export const AF_PACKET_KEYS = [
  "block_size",
  "block_timeout",
  "buffer_size",
  "checksum_validation_mode",
  "enable_defrag",
  "enable_fanout",
  "enable_hw_timestamping",
  "fanout_id",
  "fanout_mode",
  "link_type",
] as const;

/** Plugin node keys: the af_packet plugin's and the test plugin's `test_mykey`. */
export const PLUGIN_NODE_KEYS: readonly string[] = [
  ...AF_PACKET_KEYS.map((k) => `af_packet_${k}`),
  "test_mykey",
];

/** Every key a node section may have. */
export const KNOWN_NODE_KEYS: ReadonlySet<string> = new Set<string>([...CORE_NODE_KEYS, ...PLUGIN_NODE_KEYS]);
