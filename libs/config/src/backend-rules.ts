/**
 * What zeekctl's cluster backend plugins decide from the options (cluster_backend_zeromq.py,
 * cluster_backend_broker.py, cluster_backend_check.py): the backend must be one of theirs, each
 * sets its node topic separator, and ZeroMQ's `use_curve_encryption` must be a value it reads.
 */
import { error, type Problem } from "./problem.js";
import type { OptionValue, ZeekctlOptions } from "./resolve-options.js";
import type { RawOption } from "./zeekctl-cfg.js";

const CURVE_KEY = "cluster_backend_zeromq.use_curve_encryption";

/** Topic separator each backend plugin sets when ClusterTopicSeparator is empty. */
const SEPARATORS: Record<string, string> = { zeromq: ".", broker: "/" };

/**
 * Applies the backend plugins to resolved options (mutating `values`): fills in the topic
 * separator, and returns a problem for a backend no plugin takes or an unreadable CURVE setting.
 */
export function applyBackendRules(
  options: { values: Record<string, OptionValue>; plugin: ZeekctlOptions["plugin"] },
  entries: Map<string, RawOption>,
  file: string,
): Problem[] {
  const backend = String(options.values.clusterbackend);
  const separator = SEPARATORS[backend.toLowerCase()];
  if (separator === undefined) {
    const line = entries.get("clusterbackend")?.line ?? 0;
    return [
      error(file, line, `unsupported cluster backend '${backend}': ClusterBackend is ZeroMQ or Broker`),
    ];
  }
  if (options.values.clustertopicseparator === "") options.values.clustertopicseparator = separator;
  if (backend.toLowerCase() !== "zeromq") return [];
  const setting = (options.plugin[CURVE_KEY] ?? "").toLowerCase().trim();
  if (["auto", "0", "1", "true", "false"].includes(setting)) return [];
  const line = entries.get(CURVE_KEY)?.line ?? 0;
  return [error(file, line, `invalid UseCurveEncryption value: ${setting} (${CURVE_KEY} is auto, 0 or 1)`)];
}
