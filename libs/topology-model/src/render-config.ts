/** zeekctl-config.zeek, byte-equal to zeekctl's `install.py:make_zeekctl_config_policy`. */
import { type ClusterConfig, optBool, optInt, optString } from "@zeekbus/config";
import { usesZeroMq } from "./ports.js";
import { afPacketCode, pluginSection, zeroMqCode } from "./render-plugins.js";
import type { ExpandedNode, FanoutGroup, SharedPorts, TopologyInputs } from "./types.js";

/** Everything zeekctl-config.zeek depends on besides the options. */
export interface ConfigRenderInput {
  nodes: readonly ExpandedNode[];
  ports: SharedPorts;
  fanout: readonly FanoutGroup[];
  standalone: boolean;
  hashSeed: string;
  curveKeys?: TopologyInputs["curveKeys"];
}

/** Renders zeekctl-config.zeek. */
export function renderZeekctlConfig(config: ClusterConfig, input: ConfigRenderInput): string {
  const o = config.options;
  const s = (name: string) => optString(o, name);
  let out = "# Automatically generated. Do not edit.\n";
  out += `redef Notice::mail_dest = "${s("MailTo")}";\n`;
  out += `redef Notice::mail_dest_pretty_printed = "${s("MailAlarmsTo")}";\n`;
  out += `redef Notice::sendmail = "${s("SendMail")}";\n`;
  out += `redef Notice::mail_subject_prefix = "${s("MailSubjectPrefix")}";\n`;
  out += `redef Notice::mail_from = "${s("MailFrom")}";\n`;
  out += `redef Broker::table_store_db_directory = "${s("BrokerDBDir")}";\n`;
  const rotation =
    `redef Log::default_rotation_interval = ${optInt(o, "LogRotationInterval")} secs;\n` +
    `redef Log::default_mail_alarms_interval = ${optInt(o, "MailAlarmsInterval")} secs;\n`;
  if (input.standalone) out += rotation;
  else {
    const role = input.nodes.some((n) => n.type === "logger") ? "LOGGER" : "MANAGER";
    out += `@if ( Cluster::local_node_type() == Cluster::${role} )\n${rotation}@endif\n`;
  }
  out += `redef Pcap::snaplen = ${optInt(o, "PcapSnaplen")};\nredef Pcap::bufsize = ${optInt(o, "PcapBufsize")};\n`;
  if (!optBool(o, "PrivateAddressSpaceIsLocal")) out += "redef Site::private_address_space_is_local = F;\n";
  out += `redef global_hash_seed = "${input.hashSeed}";\n`;
  out += `redef Cluster::default_store_dir = "${s("DefaultStoreDir")}";\n`;
  const gzip = optInt(o, "CompressLogsInFlight");
  if (gzip > 0) {
    out += `redef LogAscii::gzip_level = ${gzip};\nredef LogAscii::gzip_file_extension = "${s("CompressExtension")}";\n`;
  }
  if (s("FileExtractDir") !== "")
    out += `redef FileExtract::prefix = "${s("FileExtractDir")}/" + Cluster::node;\n`;
  if (s("MetricsAddress") !== "") {
    out += `@if ( |Telemetry::metrics_address| == 0 )\nredef Telemetry::metrics_address = "${s("MetricsAddress")}";\n@endif\n`;
  }
  if (usesZeroMq(config)) {
    out += pluginSection(
      "cluster_backend_zeromq",
      zeroMqCode(input.nodes, input.ports, input.standalone, input.curveKeys),
    );
  }
  const af = afPacketCode(input.nodes, input.fanout);
  if (af !== "") out += pluginSection("af_packet", af);
  return out;
}
