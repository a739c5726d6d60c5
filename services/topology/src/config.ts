/** Settings of the topology service beyond the common service environment (each overridable by env). */
import { readFileSync } from "node:fs";
import { issueLines } from "@zeekbus/bus";
import { z } from "zod";

/** Topology-specific settings. */
export const TopologySettings = z.object({
  ZEEKBUS_DNS_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(3000)
    .describe("How long one host name lookup may take (ms)"),
});
export type TopologySettings = z.infer<typeof TopologySettings>;

/** Reads and validates the settings; throws with `VAR: message` lines. */
export function readTopologySettings(source: NodeJS.ProcessEnv = process.env): TopologySettings {
  const parsed = TopologySettings.safeParse(source);
  if (!parsed.success) throw new Error(`bad topology settings: ${issueLines(parsed.error).join("; ")}`);
  return parsed.data;
}

/** The service version: this package's version. */
export function serviceVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}
