// biome-ignore-all lint/suspicious/noTemplateCurlyInString: zeekctl defaults contain literal ${Name} references
/**
 * Every zeekctl.cfg option zeekctl 2.6 knows, with its type and default (ZeekControl/options.py).
 * Defaults may reference other options as `${Name}`; values set in zeekctl.cfg are not substituted.
 */

/** Value type of an option: strings stay verbatim, ints parse like Python `int()`, bools take 1/0/true/false. */
export type OptionType = "str" | "int" | "bool";

/** A known option: canonical spelling, type, default (before substitution) and a short description. */
export interface OptionDef {
  /** Canonical spelling, e.g. `ZeekPort`; lookups are case-insensitive. */
  name: string;
  type: OptionType;
  /** Default as zeekctl writes it; may contain `${Name}` references. */
  default: string;
  /** What the option does. */
  description: string;
}

const d = (name: string, type: OptionType, def: string, description: string): OptionDef => ({
  name,
  type,
  default: def,
  description,
});

/** All options, user-facing first, then the internal/automatic ones. */
export const OPTION_DEFS: readonly OptionDef[] = [
  d("ClusterBackend", "str", "ZeroMQ", "Cluster backend: ZeroMQ or Broker"),
  d("UseWebSocket", "bool", "1", "Manager runs a WebSocket server used for control"),
  d("WebSocketHost", "str", "127.0.0.1", "Address of the manager's WebSocket server"),
  d("WebSocketPort", "int", "27759", "Port of the manager's WebSocket server"),
  d("WebSocketUrl", "str", "", "WebSocket URL override"),
  d("WebSocketTimeout", "int", "10", "WebSocket reply timeout in seconds"),
  d("ZeekPort", "int", "27760", "Base port of the cluster"),
  d("MetricsPort", "int", "9991", "First per-node Prometheus port (0 disables)"),
  d("MetricsAddress", "str", "127.0.0.1", "Telemetry::metrics_address (empty: not rendered)"),
  d("LogRotationInterval", "int", "3600", "Log rotation interval in seconds (0 = off)"),
  d("LogExpireInterval", "str", "0", "Archive retention: days, or `N day|hr|min`"),
  d("KeepLogs", "str", "", "Shell globs of expired logs to keep"),
  d("LogDir", "str", "${ZeekBase}/logs", "Log archive directory"),
  d("MakeArchiveName", "str", "${ZeekBase}/share/zeekctl/scripts/make-archive-name", "Archive name script"),
  d("CompressLogs", "bool", "1", "Compress logs when archiving"),
  d("CompressCmd", "str", "gzip", "Compression command"),
  d("CompressExtension", "str", "gz", "Extension of compressed logs"),
  d("CompressLogsInFlight", "int", "0", "gzip level Zeek writes logs with (0 = off)"),
  d("MailTo", "str", "${User}", "Recipient of mails"),
  d("MailFrom", "str", "Zeek <zeek@${Hostname}>", "Sender of mails"),
  d("MailReplyTo", "str", "", "Reply-To of mails"),
  d("MailSubjectPrefix", "str", "[Zeek]", "Subject prefix of mails"),
  d("MailAlarmsTo", "str", "${MailTo}", "Recipient of alarm mails"),
  d("MailAlarmsInterval", "int", "86400", "Alarm summary interval in seconds"),
  d("SendMail", "str", "/usr/sbin/sendmail", "sendmail binary; empty disables mail"),
  d("MailConnectionSummary", "bool", "1", "Mail connection summaries"),
  d("MailHostUpDown", "bool", "1", "Mail when a host goes up or down"),
  d("MailArchiveLogFail", "bool", "1", "Mail when archiving a log fails"),
  d("MailReceivingPackets", "bool", "1", "Mail when a worker stops receiving packets"),
  d("MinDiskSpace", "int", "5", "Percent of free disk space that triggers a warning"),
  d("StatsLogEnable", "bool", "1", "Collect stats.log"),
  d("StatsLogExpireInterval", "int", "0", "Days of stats.log to keep (0 = forever)"),
  d("CrashExpireInterval", "int", "0", "Days to keep crash directories (0 = forever)"),
  d("StatusCmdShowAll", "bool", "0", "status also queries peers"),
  d("StopTimeout", "int", "60", "Seconds between SIGTERM and SIGKILL"),
  d("StopWait", "bool", "0", "stop waits for post-terminate"),
  d("CommTimeout", "int", "10", "Timeout of events sent to nodes"),
  d("CommandTimeout", "int", "60", "Timeout of commands run on a host"),
  d("ControlTopic", "str", "zeek/control", "Topic of control events"),
  d("ZeekArgs", "str", "", "Extra arguments appended to every zeek command line"),
  d("MemLimit", "str", "unlimited", "ulimit for zeek processes (KB)"),
  d("Env_Vars", "str", "", "Environment variables for all nodes (K=V,K2=V2)"),
  d("TimeFmt", "str", "%d %b %H:%M:%S", "Time format of status and debug output"),
  d("Prefixes", "str", "local", "Colon-separated script prefixes (-p)"),
  d("SitePolicyScripts", "str", "local.zeek", "Space-separated site scripts loaded on every node"),
  d("SitePolicyPath", "str", "${PolicyDir}/site", "Colon-separated site policy directories"),
  d("SitePluginPath", "str", "", "Extra plugin directories"),
  d("CronCmd", "str", "", "Command run at the end of each cron"),
  d("PFRINGClusterID", "int", "21", "First PF_RING cluster id (0 disables the plugin)"),
  d("PFRINGClusterType", "str", "4-tuple", "PF_RING cluster type"),
  d("PFRINGFirstAppInstance", "int", "0", "First PF_RING ZC application instance"),
  d("PrivateAddressSpaceIsLocal", "bool", "1", "Private address space counts as local"),
  d("SaveTraces", "bool", "0", "Live nodes write trace.pcap"),
  d("HaveNFS", "bool", "0", "Zeek installation is shared over NFS"),
  d("Debug", "bool", "0", "Write debug.log"),
  d("TimeMachineHost", "str", "", "Obsolete: Time Machine host"),
  d("TimeMachinePort", "str", "47757/tcp", "Obsolete: Time Machine port"),
  d("TraceSummary", "str", "${BinDir}/trace-summary", "trace-summary binary"),
  d("CapstatsPath", "str", "${BinDir}/capstats", "capstats binary"),
  d("ZeekBase", "str", "/usr/local/zeek", "Zeek installation prefix"),
  d("BinDir", "str", "${ZeekBase}/bin", "Binary directory"),
  d("Zeek", "str", "${BinDir}/zeek", "zeek binary"),
  d("ScriptsDir", "str", "${ZeekBase}/share/zeekctl/scripts", "zeekctl helper scripts"),
  d("PostProcDir", "str", "${ZeekBase}/share/zeekctl/scripts/postprocessors", "Log postprocessors"),
  d("HelperDir", "str", "${ZeekBase}/share/zeekctl/scripts/helpers", "Per-host helpers"),
  d("CfgDir", "str", "${ZeekBase}/etc", "Configuration directory"),
  d("SpoolDir", "str", "${ZeekBase}/spool", "Spool directory"),
  d("BrokerDBDir", "str", "${ZeekBase}/spool/brokerstore", "Broker store directory"),
  d("FileExtractDir", "str", "${SpoolDir}/extract_files", "File extraction base directory"),
  d("ZeekScriptDir", "str", "${ZeekBase}/share/zeek", "Zeek script directory"),
  d("PolicyDir", "str", "${ZeekScriptDir}", "Zeek policy directory"),
  d("StaticDir", "str", "${ZeekBase}/share/zeekctl", "Static data directory"),
  d("LibDir", "str", "${ZeekBase}/lib", "Library directory"),
  d("LibDir64", "str", "${ZeekBase}/lib64", "64-bit library directory"),
  d("LibDirInternal", "str", "${ZeekBase}/lib/zeekctl", "zeekctl library directory"),
  d("TmpDir", "str", "${SpoolDir}/tmp", "Temporary directory"),
  d("TmpExecDir", "str", "${SpoolDir}/tmp", "Directory zeek is copied to with HaveNFS"),
  d("StatsDir", "str", "${LogDir}/stats", "Statistics directory"),
  d("PluginDir", "str", "${LibDirInternal}/plugins", "zeekctl plugin directory"),
  d("PluginZeekDir", "str", "${LibDir}/zeek/plugins", "Zeek plugin directory"),
  d("NodeCfg", "str", "${CfgDir}/node.cfg", "node.cfg path"),
  d("LocalNetsCfg", "str", "${CfgDir}/networks.cfg", "networks.cfg path"),
  d("StateFile", "str", "${SpoolDir}/state.db", "State database"),
  d("LockFile", "str", "${SpoolDir}/lock", "Lock file"),
  d("DebugLog", "str", "${SpoolDir}/debug.log", "Debug log"),
  d("StatsLog", "str", "${SpoolDir}/stats.log", "Statistics log"),
  d("DefaultStoreDir", "str", "${SpoolDir}/stores", "Cluster::default_store_dir"),
  d(
    "PolicyDirSiteInstall",
    "str",
    "${SpoolDir}/installed-scripts-do-not-touch/site",
    "Installed site scripts",
  ),
  d(
    "PolicyDirSiteInstallAuto",
    "str",
    "${SpoolDir}/installed-scripts-do-not-touch/auto",
    "Generated scripts",
  ),
  d("ZeekCtlConfigDir", "str", "${SpoolDir}", "Directory of zeekctl-config.sh"),
  d("ClusterTopicSeparator", "str", "", "Topic separator of the cluster backend (empty: the backend's)"),
  d("PcapSnaplen", "int", "9216", "Pcap::snaplen"),
  d("PcapBufsize", "int", "128", "Pcap::bufsize (MB)"),
  d("OS", "str", "Linux", "Operating system of the hosts"),
  d("Version", "str", "2.6.0", "zeekctl version emulated"),
];

/** Option definitions by lower-case name. */
export const OPTIONS_BY_KEY: ReadonlyMap<string, OptionDef> = new Map(
  OPTION_DEFS.map((o) => [o.name.toLowerCase(), o]),
);

/** Names zeekctl no longer accepts, with their replacement (lower-case keys). */
export const LEGACY_OPTIONS: ReadonlyMap<string, { old: string; replacement: string }> = new Map(
  (
    [
      ["BroPort", "ZeekPort"],
      ["BroArgs", "ZeekArgs"],
      ["BroBase", "ZeekBase"],
      ["Bro", "Zeek"],
      ["PluginBroDir", "PluginZeekDir"],
      ["BroCtlConfigDir", "ZeekCtlConfigDir"],
    ] as const
  ).map(([old, replacement]) => [old.toLowerCase(), { old, replacement }]),
);

/** Plugin options (keys containing a `.`) zeekctl's built-in plugins define, with defaults. */
export const PLUGIN_OPTION_DEFAULTS: Readonly<Record<string, string>> = {
  "lb_custom.interfaceprefix": "",
  "lb_custom.interfacesuffix": "",
  "cluster_backend_zeromq.use_curve_encryption": "auto",
  "cluster_backend_zeromq.curve_dir": "${SpoolDir}/zeromq/curve",
  "cluster_backend_zeromq.disable_unencrypted_warning": "0",
  "zeek_port_warning.disable": "0",
};
