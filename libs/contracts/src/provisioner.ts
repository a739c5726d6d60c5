/**
 * Provisioner API: request/reply on `<root>.api.<cluster>.provisioner.<verb>` for the verbs
 * `facts`, `install` and `check`. The provisioner owns hosts: it reaches each one by the address
 * given in the request (the node.cfg host), over SSH with pinned host keys or locally for
 * `localhost`. Every reply carries one outcome per host (or node), so one unreachable host never
 * hides the others. Each command names its outcome events.
 */
import { z } from "zod";
import { defineMessage } from "./envelope.js";
import {
  AbsolutePath,
  boundedRecord,
  Content,
  Count,
  IsoTime,
  MAX_CLUSTER_HOSTS,
  MAX_CLUSTER_NODES,
  MAX_CPUS,
  MAX_FILES,
  MAX_HOST_NAME,
  MAX_INTERFACE_NAME,
  MAX_INTERFACES,
  RelativePath,
  ShortText,
  Text,
} from "./limits.js";
import { HostName, NodeName, NodeSpec, NodeType } from "./node-spec.js";

/** A host address: a DNS name, IPv4 or IPv6 literal (no spaces, no shell characters). */
export const HostAddress = z
  .string()
  .min(1)
  .max(MAX_HOST_NAME)
  .regex(/^[A-Za-z0-9:][A-Za-z0-9.:-]*$/, "must be a host name or an IP address")
  .describe("Host name or IP address to connect to");

/** One host to act on: its node.cfg name and the address to reach it by. */
export const HostTarget = z
  .object({
    /** The host as written in node.cfg; the key of its facts in the hosts bucket. */
    host: HostName.describe("Host as written in node.cfg"),
    /** Address to connect to; defaults to `host`. `localhost`/`127.0.0.1`/`::1` run locally, others over SSH. */
    address: HostAddress.optional(),
  })
  .strict();
export type HostTarget = z.infer<typeof HostTarget>;

/** A network interface of a host and its receive queue count. */
export const NetInterface = z
  .object({
    /** Interface name as the kernel names it (`eth0`). */
    name: z.string().min(1).max(MAX_INTERFACE_NAME).describe("Interface name"),
    /** Number of receive queues (`/sys/class/net/<if>/queues/rx-*`). */
    queues: Count.describe("Receive queue count"),
  })
  .strict();
export type NetInterface = z.infer<typeof NetInterface>;

/** The Zeek installation found on a host. */
export const ZeekInstall = z
  .object({
    /** Absolute path of the zeek binary. */
    path: AbsolutePath.describe("Absolute path of the zeek binary"),
    /**
     * Version as `zeek -v` prints it on its last line, read as zeekctl reads it (`8.2.0`,
     * `-debug` stripped); absent when it could not be read, and then `versionProblem` says why.
     */
    version: ShortText.min(1).optional().describe("Zeek version, absent if it could not be read"),
    /** Why the version could not be read (zeekctl's words: `running "zeek -v" failed …`). */
    versionProblem: Text.min(1).optional().describe("Why the Zeek version could not be read"),
  })
  .strict();
export type ZeekInstall = z.infer<typeof ZeekInstall>;

/** What the provisioner learnt about a host; stored in `zeekbus_hosts` under `hostKey(cluster, host)`. */
export const HostFacts = z
  .object({
    /** The host as written in node.cfg. */
    host: HostName.describe("Host as written in node.cfg"),
    /** The address it was reached by. */
    address: HostAddress,
    /** Online CPUs (`nproc`). */
    cpus: z.number().int().min(1).max(MAX_CPUS).describe("Online CPU count (at most MAX_CPUS)"),
    /** Network interfaces with their receive queue counts, by name. */
    interfaces: z.array(NetInterface).max(MAX_INTERFACES).describe("Interfaces with rx queue counts"),
    /** The Zeek found under the prefix; absent when there is none. */
    zeek: ZeekInstall.optional().describe("Zeek under the prefix, absent if missing"),
    /** Free bytes on the file system holding the prefix (or its nearest existing parent). */
    freeDiskBytes: Count.describe("Free bytes on the prefix's file system"),
    /** Version of the zeekbus host agent (process supervisor) on the host; absent until bootstrapped. */
    agentVersion: ShortText.min(1).optional().describe("Host agent version, absent if none"),
    /** ISO-8601 time the facts were collected. */
    collectedAt: IsoTime.describe("Collection time"),
  })
  .strict();
export type HostFacts = z.infer<typeof HostFacts>;

/** `facts`: collect facts of these hosts and store them in the hosts bucket. */
export const ProvisionerFacts = defineMessage(
  "api",
  "provisioner.facts",
  z
    .object({
      /** Hosts to inspect (at least one). */
      hosts: z.array(HostTarget).min(1).max(MAX_CLUSTER_HOSTS).describe("Hosts to inspect"),
    })
    .strict(),
);
/** Events a facts request leads to, per host. */
export const FACTS_OUTCOMES = ["collected", "facts_failed"] as const;

/** Per-host result of `facts`. */
export const HostFactsOutcome = z
  .object({
    /** The host as in the request. */
    host: HostName,
    /** `collected` or `facts_failed`. */
    outcome: z.enum(FACTS_OUTCOMES).describe("Outcome event name"),
    /** The facts, when collected. */
    facts: HostFacts.optional(),
    /** Why collecting failed (names the host). */
    error: Text.optional(),
  })
  .strict();
export type HostFactsOutcome = z.infer<typeof HostFactsOutcome>;

/** Reply to `facts`: one outcome per requested host, in request order. */
export const FactsReply = z.object({ results: z.array(HostFactsOutcome).max(MAX_CLUSTER_HOSTS) }).strict();
export type FactsReply = z.infer<typeof FactsReply>;

/** Name of the checksum manifest the provisioner keeps in each installed directory. */
export const MANIFEST_FILE = ".zeekbus-manifest.json";

/** A file name inside an installed policy directory: relative, no `..`, not the manifest. */
export const PolicyFileName = RelativePath.refine((name) => name !== MANIFEST_FILE, {
  message: `${MANIFEST_FILE} is reserved`,
}).describe("Relative file name inside the policy directory");

/** Files of one policy directory: name → exact content. */
export const PolicyFiles = boundedRecord(PolicyFileName, Content, MAX_FILES).describe("File name → content");

/** One host's install: where to reach it and the complete content of its two policy directories. */
export const InstallTarget = HostTarget.extend({
  /** Generated files (topology's render) for `spool/installed-scripts-do-not-touch/auto`. */
  auto: PolicyFiles.describe("Generated files for the auto policy directory"),
  /** Site policy scripts (`local.zeek` …) for `spool/installed-scripts-do-not-touch/site`. */
  site: PolicyFiles.describe("Site policy scripts for the site policy directory"),
  /**
   * Mirror the Zeek installation (`bin`, `share`, `lib` of the provisioner's Zeek source) to the
   * host first when the host has no Zeek under the prefix or runs another version (as zeekctl's
   * install does). Hosts reached locally whose prefix is the source itself are never mirrored.
   */
  mirrorZeek: z
    .boolean()
    .default(true)
    .describe("Mirror the Zeek installation when missing or another version"),
  /**
   * Install the two policy directories (default). `false` mirrors Zeek only: the rollout does that
   * first, so a fresh host can run its check before any policy file is installed.
   */
  policy: z.boolean().default(true).describe("Install the policy directories; false = mirror Zeek only"),
}).strict();
export type InstallTarget = z.infer<typeof InstallTarget>;

/** Both policy directories' complete content. */
export const StagedFiles = z
  .object({
    /** Generated files for `auto`. */
    auto: PolicyFiles,
    /** Site policy scripts for `site`. */
    site: PolicyFiles,
  })
  .strict();
export type StagedFiles = z.infer<typeof StagedFiles>;

/** `install`: make each host's installed policy directories exactly these files. */
export const ProvisionerInstall = defineMessage(
  "api",
  "provisioner.install",
  z
    .object({
      /** Hosts and their files (at least one). */
      hosts: z
        .array(InstallTarget)
        .min(1)
        .max(MAX_CLUSTER_HOSTS)
        .describe("Hosts and the files to install there"),
    })
    .strict(),
);
/** Events an install leads to, per host. */
export const INSTALL_OUTCOMES = ["installed", "unchanged", "install_failed"] as const;
/** What an install did with a host's Zeek installation. */
export const ZEEK_MIRROR_OUTCOMES = ["mirrored", "current", "skipped"] as const;

/** Per-host result of `install`. */
export const HostInstallOutcome = z
  .object({
    /** The host as in the request. */
    host: HostName,
    /** `installed`, `unchanged` (manifests matched, nothing written) or `install_failed`. */
    outcome: z.enum(INSTALL_OUTCOMES).describe("Outcome event name"),
    /** Directories replaced (absolute paths on the host). */
    swapped: z.array(AbsolutePath).max(MAX_FILES).default([]).describe("Directories replaced on the host"),
    /** What happened to the Zeek installation: `mirrored`, `current` (same version there) or `skipped`. */
    zeek: z.enum(ZEEK_MIRROR_OUTCOMES).optional().describe("Zeek installation: mirrored, current or skipped"),
    /** Version of the Zeek under the host's prefix after the install, when it was looked at. */
    zeekVersion: ShortText.optional().describe("Zeek version on the host after the install"),
    /**
     * Why the version of the Zeek under the host's prefix could not be read, when it was looked
     * at and could not be: generated files are then rendered for the default version, and the
     * deploy says so.
     */
    zeekVersionProblem: Text.min(1).optional().describe("Why the Zeek version on the host could not be read"),
    /** Why the install failed (names the host). */
    error: Text.optional(),
  })
  .strict();
export type HostInstallOutcome = z.infer<typeof HostInstallOutcome>;

/** Reply to `install`: one outcome per requested host, in request order. */
export const InstallReply = z
  .object({ results: z.array(HostInstallOutcome).max(MAX_CLUSTER_HOSTS) })
  .strict();
export type InstallReply = z.infer<typeof InstallReply>;

/** `check`: parse-only run of zeek with the nodes' real argv and env, on their hosts. */
export const ProvisionerCheck = defineMessage(
  "api",
  "provisioner.check",
  z
    .object({
      /** Node specs (e.g. from topology `get`); each runs on `spec.host`. */
      nodes: z.array(NodeSpec).min(1).max(MAX_CLUSTER_NODES).describe("Node specs to check"),
      /** Nodes to check by name; empty = the first node of each type, as zeekctl's deploy does. */
      only: z
        .array(NodeName)
        .max(MAX_CLUSTER_NODES)
        .default([])
        .describe("Node names to check; empty = one per type"),
      /**
       * Files to check instead of the installed ones (a revision not installed yet): written into
       * the check's temporary directory, and the node's ZEEKPATH entries that point at the
       * installed `site`/`auto` directories are pointed there, as zeekctl's check does.
       */
      stage: StagedFiles.optional().describe("Not-yet-installed policy files to check instead"),
    })
    .strict(),
);
/** Events a check leads to, per node. */
export const CHECK_OUTCOMES = ["ok", "failed"] as const;

/** Per-node result of `check`. */
export const NodeCheckOutcome = z
  .object({
    /** Node name. */
    node: NodeName,
    /** Node type. */
    type: NodeType,
    /** Host the check ran on. */
    host: HostName,
    /** `ok` or `failed`. */
    outcome: z.enum(CHECK_OUTCOMES).describe("Outcome event name"),
    /** zeekctl's line: `<node> scripts are ok.` or `<node> scripts failed.`. */
    message: Text.describe("zeekctl-style result line"),
    /** zeek's stderr (and stdout) when it failed, or the reason it could not run. */
    output: Content.default("").describe("zeek output or the failure reason"),
  })
  .strict();
export type NodeCheckOutcome = z.infer<typeof NodeCheckOutcome>;

/** Reply to `check`: one outcome per checked node. */
export const CheckReply = z.object({ results: z.array(NodeCheckOutcome).max(MAX_CLUSTER_NODES) }).strict();
export type CheckReply = z.infer<typeof CheckReply>;
