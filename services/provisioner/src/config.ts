/** Settings of the provisioner, from its environment (validated; every key documented). */
import { parseEnv } from "@zeekbus/bus";
import { z } from "zod";

const AbsPath = z.string().startsWith("/", "must be an absolute path");

/** Environment of the provisioner service. */
export const ProvisionerEnv = z.object({
  ZEEKBUS_SSH_USER: z.string().min(1).default("root").describe("User to log in as on the hosts"),
  ZEEKBUS_SSH_KEY: AbsPath.default("/etc/zeekbus/id_ed25519").describe("Private key file for SSH"),
  ZEEKBUS_KNOWN_HOSTS: AbsPath.default("/etc/zeekbus/known_hosts").describe(
    "Pinned host keys (OpenSSH known_hosts)",
  ),
  ZEEKBUS_SSH_TOFU: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1")
    .describe("Accept and pin keys of unknown hosts (trust on first use)"),
  ZEEKBUS_ZEEK_PREFIX: AbsPath.regex(/^\/[A-Za-z0-9._/-]*$/, "must be a plain absolute path")
    .default("/usr/local/zeek")
    .describe("Zeek prefix on the hosts (ZeekBase)"),
  ZEEKBUS_ZEEK_SOURCE: AbsPath.regex(/^\/[A-Za-z0-9._/-]*$/, "must be a plain absolute path")
    .optional()
    .describe("Local Zeek installation install mirrors to the hosts (default: ZEEKBUS_ZEEK_PREFIX)"),
  ZEEKBUS_AGENT_NATS: z
    .string()
    .regex(/^[A-Za-z0-9+.:/@,[\]_-]+$/, "must be NATS URLs")
    .optional()
    .describe("NATS URL(s) bootstrapped agents connect to (default: the provisioner's own ZEEKBUS_NATS)"),
});
export type ProvisionerEnv = z.infer<typeof ProvisionerEnv>;

/** Reads the provisioner settings; throws with `VAR: message` lines. */
export function readProvisionerEnv(env: NodeJS.ProcessEnv = process.env): ProvisionerEnv {
  return parseEnv(ProvisionerEnv, "provisioner", env);
}

/** The provisioner's version (reported in service info). */
export const PROVISIONER_VERSION = "0.1.0";
