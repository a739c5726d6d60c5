/**
 * The `bootstrap` verb: make each host run the zeekbus host agent (the process supervisor as
 * one bundled file). A host whose agent answers with this version is left alone; one of another
 * version that bootstrap started is replaced (replace.ts); otherwise the bundle is written
 * under `<prefix>/zeekbus`, started detached with `setsid` (it outlives the SSH session) and
 * polled until it answers on the agent plane.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Bus } from "@zeekbus/bus";
import {
  type BootstrapReply,
  type HostBootstrapOutcome,
  type HostTarget,
  InternalError,
} from "@zeekbus/contracts";
import type { HostExec } from "@zeekbus/hostexec";
import type { Logger } from "@zeekbus/log";
import type { OutcomeEvents } from "../events/publish.js";
import { addressOf, type HostAccess } from "../hosts/access.js";
import { hostError } from "../hosts/errors.js";
import { HOST_CONCURRENCY, logFailures, mapBounded, refuseDuplicateHosts } from "../hosts/fan-out.js";
import {
  agentEnv,
  agentPaths,
  lastLines,
  launchArgv,
  launchedPid,
  MIN_NODE_MAJOR,
  nodeMajor,
} from "./launch.js";
import { probeAgent } from "./probe.js";
import { stopBootstrappedAgent } from "./replace.js";

/** What the bootstrap handler needs. */
export interface BootstrapDeps {
  bus: Bus;
  access: HostAccess;
  prefix: string;
  /** NATS URL(s) agents connect to unless the request names them. */
  agentNats: string;
  /** The agent bundle: its version, and its content (read once, when first needed). */
  bundle: AgentBundle;
  log: Logger;
  /** How long a started agent has to answer (default 15 s). */
  answerTimeoutMs?: number;
}

const TIMEOUT_MS = 30_000;

/** The host agent to put on hosts: its version and its file's content. */
export interface AgentBundle {
  version: string;
  content(): Promise<Buffer>;
}

/** The bundled agent shipped by `@zeekbus/process-supervisor` (its `./bundle` export). */
export function bundleLoader(version: string): AgentBundle {
  let loaded: Promise<Buffer> | undefined;
  const content = () => {
    loaded ??= (async () => {
      const path = fileURLToPath(import.meta.resolve("@zeekbus/process-supervisor/bundle"));
      return readFile(path).catch((err: Error) => {
        loaded = undefined;
        throw new InternalError(
          `agent bundle ${path} not readable (build @zeekbus/process-supervisor): ${err.message}`,
        );
      });
    })();
    return loaded;
  };
  return { version, content };
}

async function checkNode(exec: HostExec, host: string): Promise<void> {
  const r = await exec.run(["node", "--version"], { timeoutMs: TIMEOUT_MS });
  const major = r.code === 0 ? nodeMajor(r.stdout) : undefined;
  if (major === undefined || major < MIN_NODE_MAJOR) {
    throw new InternalError(
      `host ${host}: Node.js >= ${MIN_NODE_MAJOR} not found (the zeekbus agent needs it)`,
    );
  }
}

async function logTail(exec: HostExec, log: string): Promise<string> {
  const r = await exec.run(["tail", "-n", "20", "--", log], { timeoutMs: TIMEOUT_MS }).catch(() => undefined);
  return r && r.code === 0 ? lastLines(r.stdout, 20) : "";
}

/** Polls until the agent answers (→ its probe) or exits or `waitMs` passes (→ why not). */
async function waitForAgent(
  deps: BootstrapDeps,
  exec: HostExec,
  cluster: string,
  host: string,
  pid: number | undefined,
  waitMs: number,
): Promise<{ version?: string } | string> {
  const deadline = Date.now() + waitMs;
  for (let round = 1; Date.now() < deadline; round++) {
    const probe = await probeAgent(deps.bus, cluster, host, 500);
    if (probe.answers) return probe;
    if (pid !== undefined && round % 4 === 0) {
      const alive = await exec.run(["kill", "-0", "--", String(pid)], { timeoutMs: TIMEOUT_MS });
      if (alive.code !== 0 && !(await probeAgent(deps.bus, cluster, host, 500)).answers) {
        return `(pid ${pid}) exited before answering`;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return `started but did not answer within ${Math.round(waitMs / 1000)} s`;
}

async function bootstrapHost(
  deps: BootstrapDeps,
  cluster: string,
  nats: string,
  target: HostTarget,
): Promise<HostBootstrapOutcome> {
  const { host } = target;
  const address = addressOf(target);
  try {
    const { bundle } = deps;
    const paths = agentPaths(deps.prefix, bundle.version);
    const found = await probeAgent(deps.bus, cluster, host);
    if (found.answers && (found.version === undefined || found.version === bundle.version)) {
      return { host, outcome: "already_running", ...ver(found.version) };
    }
    const exec = deps.access.exec(address);
    if (found.answers) {
      const replaced = await stopBootstrappedAgent(exec, paths);
      if (replaced === undefined) {
        deps.log.warn(
          { host, version: found.version },
          "agent of another version not started by bootstrap: left alone",
        );
        return { host, outcome: "already_running", ...ver(found.version) };
      }
      deps.log.info({ host, from: found.version, to: bundle.version, pid: replaced }, "old agent stopped");
    }
    await checkNode(exec, host);
    const made = await exec.run(["mkdir", "-p", "--", paths.dir, paths.stateDir], { timeoutMs: TIMEOUT_MS });
    if (made.code !== 0) throw new InternalError(`mkdir ${paths.dir}: ${made.stderr.trim()}`);
    await exec.writeFile(paths.file, await bundle.content());
    const env = agentEnv({
      nats,
      cluster,
      root: deps.bus.subjects.root,
      host,
      prefix: deps.prefix,
      logLevel: deps.log.level,
    });
    const started = await exec.run(launchArgv(paths.file), { env, timeoutMs: TIMEOUT_MS });
    if (started.code !== 0) {
      throw new InternalError(`starting the agent failed (exit ${started.code}): ${started.stderr.trim()}`);
    }
    const pid = launchedPid(started.stdout);
    if (pid !== undefined) await exec.writeFile(paths.pidFile, `${pid}\n`);
    const waitMs = deps.answerTimeoutMs ?? 15_000;
    const why = await waitForAgent(deps, exec, cluster, host, pid, waitMs);
    if (typeof why !== "string") {
      deps.log.info({ host, version: why.version }, "agent bootstrapped");
      return { host, outcome: "bootstrapped", ...ver(why.version) };
    }
    const tail = await logTail(exec, paths.log);
    throw new InternalError(
      `host ${host}: the agent ${why}` +
        (tail ? `; last lines of ${paths.log}:\n${tail}` : ` (${paths.log} is empty)`),
    );
  } catch (err) {
    const e = hostError(err, host, address);
    deps.log.debug({ host, code: e.code }, e.message);
    return { host, outcome: "bootstrap_failed", error: e.message };
  }
}

function ver(version: string | undefined): { agentVersion?: string } {
  return version ? { agentVersion: version } : {};
}

/**
 * Bootstraps the requested hosts in parallel, {@link HOST_CONCURRENCY} at a time; one failing
 * host does not affect the others. Each outcome is published as a host event as soon as it is
 * known. A host named twice is a ValidationError on `hosts`.
 */
export async function handleBootstrap(
  deps: BootstrapDeps,
  events: OutcomeEvents,
  cluster: string,
  hosts: HostTarget[],
  nats?: string,
): Promise<BootstrapReply> {
  refuseDuplicateHosts(hosts);
  const url = nats ?? deps.agentNats;
  const results = await mapBounded(hosts, HOST_CONCURRENCY, async (t) =>
    events.bootstrap(await bootstrapHost(deps, cluster, url, t)),
  );
  logFailures(
    deps.log,
    "bootstrap",
    hosts.length,
    results.flatMap((r) => (r.outcome === "bootstrap_failed" ? [{ name: r.host, error: r.error }] : [])),
  );
  return { results };
}
