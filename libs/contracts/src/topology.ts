/**
 * Topology api: `<root>.api.<cluster>.topology.<verb>` with verbs get, validate, plan, apply.
 * Topology is the only writer of desired state; apply is compare-and-set on a base revision.
 */
import { z } from "zod";
import { defineMessage } from "./envelope.js";
import {
  boundedRecord,
  Content,
  Count,
  MAX_CLUSTER_HOSTS,
  MAX_CLUSTER_NODES,
  MAX_FILE_NAME,
  MAX_FILES,
  MAX_HOST_NAME,
  MAX_INTERFACE_NAME,
  MAX_PROBLEMS,
  ShortText,
  Text,
} from "./limits.js";
import { HostName, NodeName, NodeSpec } from "./node-spec.js";
import { Problem } from "./problems.js";

/** A configuration as files: zeekctl's etc/ (zeekctl.cfg, node.cfg, networks.cfg) or one YAML/JSON spec. */
export const ConfigSource = z
  .object({
    /** Which dialect the files are in. */
    format: z.enum(["zeekctl", "yaml"]).describe("zeekctl = etc/ files; yaml = native spec (YAML or JSON)"),
    /** File name → content. */
    files: boundedRecord(z.string().min(1).max(MAX_FILE_NAME), Content, MAX_FILES).describe(
      "File name (at most NAME_MAX) to file content",
    ),
  })
  .strict();
export type ConfigSource = z.infer<typeof ConfigSource>;

/** One node that a plan starts, stops or restarts, and why. */
export const PlanStep = z
  .object({
    node: NodeName,
    host: HostName,
    /** Why: `new node`, `removed`, or the changed fields (e.g. `env.MYVAR`). */
    reason: Text,
  })
  .strict();

/** How a fanout group changes: members before and after, and the predicted share of flows moved. */
export const FanoutChange = z
  .object({
    host: HostName,
    interface: z.string().max(MAX_INTERFACE_NAME),
    id: z.number().int().min(0).max(65535),
    before: z.array(NodeName).max(MAX_CLUSTER_NODES),
    after: z.array(NodeName).max(MAX_CLUSTER_NODES),
    /** Predicted share (0..1) of flows that land on another member afterwards. */
    movedShare: z.number().min(0).max(1),
  })
  .strict();

/** The difference between two revisions, as data. */
export const Plan = z
  .object({
    start: z.array(PlanStep).max(MAX_CLUSTER_NODES),
    stop: z.array(PlanStep).max(MAX_CLUSTER_NODES),
    restart: z.array(PlanStep).max(MAX_CLUSTER_NODES),
    /** Generated files whose content changes, as `host:path`. */
    files: z.array(Text).max(MAX_FILES),
    fanout: z.array(FanoutChange).max(MAX_CLUSTER_NODES),
    /** The stored revision this plan was computed against (0 = nothing stored yet). */
    baseRevision: Count.optional().describe("Revision planned against; 0 = none"),
  })
  .strict();
export type Plan = z.infer<typeof Plan>;

/**
 * Who rendered a revision: zeekctl takes the MailTo default from the rendering process's `$USER`
 * and the MailFrom default `Zeek <zeek@HOSTNAME>` from the rendering machine (config.py).
 */
export const RenderContext = z
  .object({
    /** `$USER` of the topology service that built the revision. */
    user: Text,
    /** Host name of the machine it ran on. */
    hostname: z.string().max(MAX_HOST_NAME),
  })
  .strict();
export type RenderContext = z.infer<typeof RenderContext>;

/** A stored desired revision. */
export const DesiredState = z
  .object({
    /** KV revision of this state (0 when not yet stored). */
    revision: Count,
    /** The configuration it was made from. */
    source: ConfigSource,
    /** Every node to run. */
    nodes: z.array(NodeSpec).max(MAX_CLUSTER_NODES),
    /** Kept across revisions so generated files stay stable (zeekctl's global_hash_seed). */
    hashSeed: ShortText,
    /** Address each host resolved to when this revision was applied (host as written → IP). */
    addresses: boundedRecord(z.string().max(MAX_HOST_NAME), z.string().max(MAX_HOST_NAME), MAX_CLUSTER_HOSTS)
      .optional()
      .describe("Host as written → resolved address"),
    /** AF_PACKET fanout id per (host, interface), carried into the next revision so ids stay stable. */
    fanout: z
      .array(
        z
          .object({
            host: HostName,
            interface: z.string().max(MAX_INTERFACE_NAME),
            id: z.number().int().min(0).max(65535),
          })
          .strict(),
      )
      .max(MAX_CLUSTER_NODES)
      .optional()
      .describe("Fanout id per (host, interface), kept stable across revisions"),
    /** Zeek version per host the files were rendered for (host as written → version), kept across revisions. */
    zeekVersions: boundedRecord(z.string().max(MAX_HOST_NAME), ShortText, MAX_CLUSTER_HOSTS)
      .optional()
      .describe("Zeek version per host the files were rendered for"),
    /** ZeroMQ CURVE keys (Z85), generated once when encryption is first needed and kept. */
    curveKeys: z
      .object({
        serverPublic: ShortText,
        serverSecret: ShortText,
        clientPublic: ShortText,
        clientSecret: ShortText,
      })
      .strict()
      .optional()
      .describe("ZeroMQ CURVE key pairs (Z85), kept across revisions"),
    /** The rendering context the revision was built with, so that it rebuilds to the same files. */
    renderContext: RenderContext.optional().describe(
      "$USER and host name of the topology service that built it (MailTo / MailFrom defaults)",
    ),
  })
  .strict();
export type DesiredState = z.infer<typeof DesiredState>;

export const TopologyGet = defineMessage("api", "topology.get", z.object({}).strict());
export const TopologyValidate = defineMessage("api", "topology.validate", ConfigSource);
/** Reply to validate: every problem at once, and the nodes when there is no error. */
export const ValidateReply = z
  .object({
    ok: z.boolean(),
    problems: z.array(Problem).max(MAX_PROBLEMS),
    nodes: z.array(NodeSpec).max(MAX_CLUSTER_NODES),
  })
  .strict();
export const TopologyPlan = defineMessage("api", "topology.plan", ConfigSource);
export const TopologyApply = defineMessage(
  "api",
  "topology.apply",
  z
    .object({
      source: ConfigSource,
      /** The revision the caller planned against; a newer stored revision → Conflict. */
      baseRevision: Count.describe("Revision planned against; stale → Conflict"),
    })
    .strict(),
);
export const ApplyReply = z.object({ revision: Count.min(1), plan: Plan }).strict();
/** Event published after a successful apply. */
export const TopologyApplied = defineMessage(
  "evt",
  "topology.applied",
  z.object({ revision: Count.min(1), plan: Plan }).strict(),
);
