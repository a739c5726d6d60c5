/**
 * How the host agent is put on a host and started (pure): where its file, state and log live,
 * the constant detaching script and the environment it gets. Data reaches the host only as
 * positional arguments and environment values (validated and quoted by hostexec), never as
 * script text.
 */
import { DEFAULT_ROOT } from "@zeekbus/contracts";

/**
 * Started as `setsid -f sh -c LAUNCH_SCRIPT sh node FILE`: a new session (no controlling
 * terminal, not in the SSH session's process group), stdin from /dev/null and output appended
 * to the log, so the command returns at once and no channel is left open. It first prints its
 * pid (the agent's, after the exec) so a crashing agent is noticed without waiting.
 */
export const LAUNCH_SCRIPT = 'echo "$$"; exec "$@" >>"$ZEEKBUS_AGENT_LOG" 2>&1 </dev/null';

/** Paths of the agent under a prefix. */
export function agentPaths(prefix: string, version: string) {
  return {
    dir: `${prefix}/zeekbus`,
    file: `${prefix}/zeekbus/zeekbus-supervisor-${version}.mjs`,
    stateDir: `${prefix}/spool/zeekbus-supervisor`,
    log: `${prefix}/spool/zeekbus-supervisor.log`,
    pidFile: `${prefix}/spool/zeekbus-supervisor.pid`,
  };
}

/** What the agent's environment is made of. */
export interface AgentEnvInput {
  nats: string;
  cluster: string;
  root: string;
  host: string;
  prefix: string;
  logLevel: string;
}

/** The agent's environment: bus, identity, state dir, log file and level (ZEEKBUS_ROOT only if not default). */
export function agentEnv(input: AgentEnvInput): Record<string, string> {
  const paths = agentPaths(input.prefix, "");
  return {
    ZEEKBUS_NATS: input.nats,
    ZEEKBUS_CLUSTER: input.cluster,
    ...(input.root !== DEFAULT_ROOT ? { ZEEKBUS_ROOT: input.root } : {}),
    ZEEKBUS_HOST: input.host,
    ZEEKBUS_STATE_DIR: paths.stateDir,
    ZEEKBUS_AGENT_LOG: paths.log,
    ZEEKBUS_LOG_LEVEL: input.logLevel,
  };
}

/** The argv that starts the agent file detached. */
export function launchArgv(file: string): string[] {
  return ["setsid", "-f", "sh", "-c", LAUNCH_SCRIPT, "sh", "node", file];
}

/** The pid the launch printed (first line of stdout), or undefined. */
export function launchedPid(stdout: string): number | undefined {
  const line = stdout.trim().split("\n")[0] ?? "";
  return /^[0-9]+$/.test(line) ? Number(line) : undefined;
}

/** Major version from `node --version` (`v20.19.0` → 20); undefined when it is not one. */
export function nodeMajor(text: string): number | undefined {
  const m = /^v([0-9]+)\.[0-9]+\.[0-9]+/.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

/** The oldest Node.js major the agent runs on. */
export const MIN_NODE_MAJOR = 20;

/** Longest log line an error quotes (a crash of the minified agent prints a line of its code). */
const MAX_LINE = 300;

/** The last `n` non-empty lines of a log text, each cut to {@link MAX_LINE} characters. */
export function lastLines(text: string, n: number): string {
  return text
    .split("\n")
    .filter((l) => l.trim())
    .slice(-n)
    .map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)} …` : l))
    .join("\n");
}
