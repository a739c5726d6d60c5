/**
 * Topology `deploy`: zeekctl's deploy as one request — validate → plan → check → install
 * (mirror Zeek, policy files, host agents) → store the revision → start in tiers (loggers →
 * manager → proxies → workers), each tier gated on its nodes reaching RUNNING. A first deploy
 * starts everything; later deploys stop removed nodes, restart only nodes whose spec changed
 * (workers one at a time per (host, interface), each waiting for rejoin) and start nodes that
 * are not running. Progress is published as it happens on
 * `<root>.evt.<cluster>.rollout.progress.<deployId>`.
 */
import { z } from "zod";
import { NodeOutcome } from "./agent.js";
import { defineMessage } from "./envelope.js";
import { AbsolutePath, Content, Count, IsoTime, MAX_CLUSTER_HOSTS, MAX_CLUSTER_NODES } from "./limits.js";
import { HostName, NodeName, SafeName } from "./node-spec.js";
import { HostInstallOutcome, NodeCheckOutcome, PolicyFiles } from "./provisioner.js";
import { HostBootstrapOutcome } from "./provisioner-bootstrap.js";
import { TOKEN_PATTERN } from "./tokens.js";
import { ConfigSource, Plan } from "./topology.js";

/** A deploy id: one subject token. */
const DeployId = z.string().min(1).max(64).regex(TOKEN_PATTERN, "must be a subject token (A-Z a-z 0-9 _ -)");

/** The steps of a rollout, in order. */
export const ROLLOUT_STEPS = [
  "validate",
  "check",
  "install",
  "bootstrap",
  "apply",
  "stop",
  "start",
  "restart",
] as const;
export type RolloutStep = (typeof ROLLOUT_STEPS)[number];

/** `deploy`: roll the cluster to this configuration. */
export const TopologyDeploy = defineMessage(
  "api",
  "topology.deploy",
  z
    .object({
      /** The configuration to deploy. */
      source: ConfigSource,
      /** Site policy scripts (`local.zeek` …) installed into every host's `site` directory. */
      site: PolicyFiles.default({}).describe("Site policy scripts"),
      /** Names the progress subject; the caller picks it so it can subscribe before asking. */
      deployId: DeployId.describe("Id of this deploy (progress subject token)"),
      /** When given, a stored revision other than this one is a Conflict and nothing happens. */
      baseRevision: Count.optional().describe("Expected stored revision"),
      /**
       * Where to stop: `check` (validate, plan, mirror Zeek, check — zeekctl's check), `install`
       * (also install the policy files and host agents, store and start nothing — zeekctl's
       * install) or `deploy` (everything).
       */
      until: z.enum(["check", "install", "deploy"]).default("deploy").describe("Last step to run"),
      /** Validate and plan only: nothing is checked, installed, stored or started. */
      dryRun: z.boolean().default(false).describe("Plan only"),
    })
    .strict(),
);

/**
 * How a deploy ended: `deployed`, `unchanged` (nothing to install, stop, restart or start),
 * `planned` (dry run), `checked` / `installed` (stopped there as asked) or `deploy_failed`.
 */
export const DEPLOY_OUTCOMES = [
  "deployed",
  "unchanged",
  "planned",
  "checked",
  "installed",
  "deploy_failed",
] as const;

/** Where a failed deploy stopped and why, with the failing nodes' crash reports. */
export const DeployFailure = z
  .object({
    step: z.enum(ROLLOUT_STEPS),
    /** What failed, with the failing nodes' zeek output. */
    message: Content,
    /** Hosts or nodes that failed at that step. */
    failed: z.array(SafeName).max(MAX_CLUSTER_NODES),
    /** Crash report directories of the nodes that failed to start. */
    crashReports: z.array(AbsolutePath).max(MAX_CLUSTER_NODES),
  })
  .strict();
export type DeployFailure = z.infer<typeof DeployFailure>;

/** Reply to `deploy`. */
export const DeployReply = z
  .object({
    deployId: DeployId,
    outcome: z.enum(DEPLOY_OUTCOMES),
    /** The revision now stored (the previous one when nothing was stored). */
    revision: Count,
    plan: Plan,
    check: z.array(NodeCheckOutcome).max(MAX_CLUSTER_NODES),
    install: z.array(HostInstallOutcome).max(MAX_CLUSTER_HOSTS),
    bootstrap: z.array(HostBootstrapOutcome).max(MAX_CLUSTER_HOSTS),
    /** Agent outcomes of the stops, restarts and starts, in the order they ran. */
    nodes: z.array(NodeOutcome).max(MAX_CLUSTER_NODES),
    failure: DeployFailure.optional(),
  })
  .strict();
export type DeployReply = z.infer<typeof DeployReply>;

/** One line of progress: a step of a host or node began, succeeded, failed or was skipped. */
export const RolloutProgress = defineMessage(
  "evt",
  "rollout.progress",
  z
    .object({
      deployId: DeployId,
      step: z.enum(ROLLOUT_STEPS),
      status: z.enum(["started", "ok", "failed", "skipped"]),
      host: HostName.optional(),
      node: NodeName.optional(),
      /** zeekctl-style line (`starting worker-1-1 ...`, `manager scripts are ok.`), with zeek's output on failure. */
      message: Content,
    })
    .strict(),
);

/**
 * The deploy lease of a cluster (KV `zeekbus_leases`, key `<cluster>.deploy`): whichever topology
 * instance holds it runs the cluster's one deploy, renewing `until` while it runs; a lease whose
 * `until` passed (its holder died) may be taken over.
 */
export const DeployLease = z
  .object({
    /** The deploy holding (or that last held) the lease. */
    deployId: DeployId,
    /** `running` while held; `done` once released. */
    state: z.enum(["running", "done"]),
    /** ISO time the lease lapses unless renewed. */
    until: IsoTime,
  })
  .strict();
export type DeployLease = z.infer<typeof DeployLease>;
