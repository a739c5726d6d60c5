/**
 * The `check` verb: zeek parse-only (`-a`) on each node's host with the node's real argv and
 * env plus `ZEEKCTL_CHECK_CONFIG=1 ZEEKCTL_DISABLE_LISTEN=1`, in a fresh directory under
 * `<prefix>/spool/tmp` that is removed afterwards. Reports zeekctl's lines. With `stage`, the
 * files are written to `site`/`auto` in that directory and ZEEKPATH points there instead of the
 * installed directories (zeekctl's check of a not-yet-installed configuration).
 */
import { randomUUID } from "node:crypto";
import type { CheckReply, NodeCheckOutcome, NodeSpec, StagedFiles } from "@zeekbus/contracts";
import type { Logger } from "@zeekbus/log";
import type { OutcomeEvents } from "../events/publish.js";
import type { HostAccess } from "../hosts/access.js";
import { hostError } from "../hosts/errors.js";
import { HOST_CONCURRENCY, logFailures, mapBounded } from "../hosts/fan-out.js";
import { checkArgv, checkEnv, selectNodes } from "./argv.js";
import { stagedEnv, stagedFileDirs, stagedFilePaths } from "./stage.js";

/** What the check handler needs. */
export interface CheckDeps {
  access: HostAccess;
  prefix: string;
  log: Logger;
}

const TIMEOUT_MS = 60_000;

function outcome(spec: NodeSpec, ok: boolean, output: string): NodeCheckOutcome {
  return {
    node: spec.name,
    type: spec.type,
    host: spec.host,
    outcome: ok ? "ok" : "failed",
    message: `${spec.name} scripts ${ok ? "are ok" : "failed"}.`,
    output,
  };
}

async function checkNode(deps: CheckDeps, spec: NodeSpec, stage?: StagedFiles): Promise<NodeCheckOutcome> {
  try {
    const exec = deps.access.exec(spec.host);
    const dir = `${deps.prefix}/spool/tmp/check-config-${spec.name}-${randomUUID().slice(0, 8)}`;
    const made = await exec.run(["mkdir", "-p", "--", dir], { timeoutMs: TIMEOUT_MS });
    if (made.code !== 0) return outcome(spec, false, `cannot create ${dir}: ${made.stderr.trim()}`);
    try {
      let env = checkEnv(spec);
      if (stage) {
        const mk = await exec.run(["mkdir", "-p", "--", ...stagedFileDirs(dir, stage)], {
          timeoutMs: TIMEOUT_MS,
        });
        if (mk.code !== 0) return outcome(spec, false, `cannot stage files in ${dir}: ${mk.stderr.trim()}`);
        for (const [path, content] of stagedFilePaths(dir, stage)) await exec.writeFile(path, content);
        const staged = stagedEnv(env, deps.prefix, dir);
        if (staged.replaced === 0) {
          deps.log.warn(
            { node: spec.name },
            "ZEEKPATH names no installed policy directory; staged files unused",
          );
        }
        env = staged.env;
      }
      const r = await exec.run([spec.zeek, ...checkArgv(spec.argv)], {
        env,
        cwd: dir,
        timeoutMs: TIMEOUT_MS,
      });
      const ok = r.code === 0;
      deps.log.debug({ node: spec.name, host: spec.host, ok, ms: r.durationMs }, "checked");
      return outcome(spec, ok, ok ? "" : [r.stderr, r.stdout].filter((s) => s.trim()).join("\n"));
    } finally {
      await exec.run(["rm", "-rf", "--", dir], { timeoutMs: TIMEOUT_MS }).catch(() => undefined);
    }
  } catch (err) {
    const e = hostError(err, spec.host, spec.host);
    deps.log.debug({ node: spec.name, host: spec.host, code: e.code }, e.message);
    return outcome(spec, false, e.message);
  }
}

/**
 * Checks the selected nodes in parallel, {@link HOST_CONCURRENCY} at a time (on any hosts);
 * throws ValidationError for unknown names. Each node's outcome is published as a check event
 * as soon as it is known.
 */
export async function handleCheck(
  deps: CheckDeps,
  events: OutcomeEvents,
  nodes: NodeSpec[],
  only: string[],
  stage?: StagedFiles,
): Promise<CheckReply> {
  const selected = selectNodes(nodes, only);
  const results = await mapBounded(selected, HOST_CONCURRENCY, async (s) =>
    events.check(await checkNode(deps, s, stage)),
  );
  logFailures(
    deps.log,
    "check",
    selected.length,
    results.flatMap((r) => (r.outcome === "failed" ? [{ name: r.node, error: r.output }] : [])),
  );
  return { results };
}
