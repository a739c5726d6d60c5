/**
 * Provisioner `bootstrap`: put the zeekbus host agent (the process supervisor, one bundled
 * file) on each host and start it detached, so it outlives the SSH session that started it.
 * A host whose agent already answers on the agent plane with this version is left alone.
 * Subject: `<root>.api.<cluster>.provisioner.bootstrap`.
 */
import { z } from "zod";
import { defineMessage } from "./envelope.js";
import { MAX_CLUSTER_HOSTS, MAX_TEXT, ShortText, Text } from "./limits.js";
import { HostName } from "./node-spec.js";
import { HostTarget } from "./provisioner.js";

/** `bootstrap`: make sure each host runs the host agent. */
export const ProvisionerBootstrap = defineMessage(
  "api",
  "provisioner.bootstrap",
  z
    .object({
      /** Hosts to bootstrap (at least one); `host` becomes the agent's ZEEKBUS_HOST. */
      hosts: z.array(HostTarget).min(1).max(MAX_CLUSTER_HOSTS).describe("Hosts to bootstrap"),
      /**
       * NATS URL(s) the agent connects to, comma-separated; default: the provisioner's
       * ZEEKBUS_AGENT_NATS setting.
       */
      nats: z
        .string()
        .max(MAX_TEXT)
        .regex(/^[A-Za-z0-9+.:/@,[\]_-]+$/, "must be NATS URLs")
        .optional()
        .describe("NATS URLs for the agent"),
    })
    .strict(),
);
/** Events a bootstrap leads to, per host. */
export const BOOTSTRAP_OUTCOMES = ["bootstrapped", "already_running", "bootstrap_failed"] as const;

/** Per-host result of `bootstrap`. */
export const HostBootstrapOutcome = z
  .object({
    /** The host as in the request. */
    host: HostName,
    /** `bootstrapped` (started now), `already_running` (answered already) or `bootstrap_failed`. */
    outcome: z.enum(BOOTSTRAP_OUTCOMES).describe("Outcome event name"),
    /** Version of the agent now answering. */
    agentVersion: ShortText.optional(),
    /** Why it failed (names the host). */
    error: Text.optional(),
  })
  .strict();
export type HostBootstrapOutcome = z.infer<typeof HostBootstrapOutcome>;

/** Reply to `bootstrap`: one outcome per requested host, in request order. */
export const BootstrapReply = z
  .object({ results: z.array(HostBootstrapOutcome).max(MAX_CLUSTER_HOSTS) })
  .strict();
export type BootstrapReply = z.infer<typeof BootstrapReply>;
