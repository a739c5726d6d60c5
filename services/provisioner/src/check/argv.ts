/** Which nodes a check runs and the parse-only command line for a node (pure). */
import { type NodeSpec, ValidationError } from "@zeekbus/contracts";

/** Options that take a value and belong to a live run only (interface, status file, trace). */
const LIVE_WITH_VALUE = new Set(["-i", "-U", "-w"]);

/** zeekctl's check argv: live=False (no `-i`, `-U`, `-w`, `-p zeekctl-live`), then `zeekctl/check`. */
export function checkArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (LIVE_WITH_VALUE.has(arg)) {
      i++;
    } else if (arg === "-p" && argv[i + 1] === "zeekctl-live") {
      i++;
    } else if (!/^--?(i|U|w)=/.test(arg)) {
      out.push(arg);
    }
  }
  return ["-a", ...out, "zeekctl/check"];
}

/** The environment of a check: the node's own plus zeekctl's two check switches. */
export function checkEnv(spec: NodeSpec): Record<string, string> {
  return { ...spec.env, ZEEKCTL_CHECK_CONFIG: "1", ZEEKCTL_DISABLE_LISTEN: "1" };
}

/** The named nodes, or (none named) the first node of each type in the given order. */
export function selectNodes(specs: readonly NodeSpec[], only: readonly string[]): NodeSpec[] {
  if (only.length > 0) {
    const byName = new Map(specs.map((s) => [s.name, s]));
    const missing = only.filter((n) => !byName.has(n));
    if (missing.length > 0) {
      throw new ValidationError(
        `unknown node(s) to check: ${missing.join(", ")}`,
        missing.map((n) => `only: ${n} is not among the given nodes`),
      );
    }
    return [...new Set(only)].map((n) => byName.get(n) as NodeSpec);
  }
  const seen = new Set<string>();
  return specs.filter((s) => !seen.has(s.type) && seen.add(s.type));
}
