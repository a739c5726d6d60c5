#!/usr/bin/env node
/**
 * `npm run demo`: a 3-host lab, zeekbus all-in-one, the example cluster deployed over SSH,
 * real traces replayed, live status, a worker killed with -9 and recovered; then it runs until
 * Ctrl-C (or `--duration S`). Whatever ends it, everything is torn down and checked gone.
 * Exit 0: ran and tore down cleanly (also after Ctrl-C once the cluster was live); 1: a step
 * failed or something was left behind; 130: interrupted before the cluster was live.
 */
import { parseArgs } from "node:util";
import { guardWrites } from "@zeekbus/pipes";
import { leftovers } from "./agents.js";
import { type DemoResult, runDemo } from "./demo.js";
import { duration, fail, info, print, warn } from "./say.js";
import { DemoError, Interrupted, Teardown } from "./teardown.js";

const USAGE = `usage: npm run demo [-- --duration S] [--kill-after S] [--cluster NAME]

  --duration S     end by itself S seconds after traffic starts (default: run until Ctrl-C)
  --kill-after S   seconds of traffic before a worker is killed (default 10)
  --cluster NAME   zeekbus cluster name (default demo)
Needs root (network namespaces). Ctrl-C tears everything down.`;

function options() {
  const { values } = parseArgs({
    options: {
      duration: { type: "string" },
      "kill-after": { type: "string", default: "10" },
      cluster: { type: "string", default: "demo" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const seconds = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (v === undefined || !(n > 0))
      throw new DemoError(`--${name} must be a positive number of seconds, got ${v}`);
    return n;
  };
  if (!/^[A-Za-z0-9_-]+$/.test(values.cluster)) throw new DemoError(`--cluster must match [A-Za-z0-9_-]+`);
  return {
    ...(values.duration !== undefined ? { durationS: seconds("duration", values.duration) } : {}),
    killAfterS: seconds("kill-after", values["kill-after"]),
    cluster: values.cluster,
  };
}

async function main(): Promise<number> {
  // Quiet library loggers (the bus client's connection chatter); zeekbus up's log goes to a file.
  process.env.ZEEKBUS_LOG_LEVEL ??= "warn";
  let opts: ReturnType<typeof options>;
  try {
    opts = options();
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const stop = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    if (stop.signal.aborted) return info(`${sig}: teardown in progress, please wait`);
    print(`\n${sig}: stopping the demo; tearing everything down ...`);
    stop.abort(sig);
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, onSignal);
  // `npm run demo | head`: output that can no longer be written ends the demo as Ctrl-C does,
  // rather than letting it run on unseen.
  const outputLost = () => stop.signal.aborted || stop.abort("output lost");
  for (const stream of [process.stdout, process.stderr])
    guardWrites(stream, { onReaderGone: outputLost, onError: outputLost });

  const td = new Teardown();
  const result: DemoResult = { timings: [], live: false, pids: [] };
  const started = Date.now();
  let code = 0;
  try {
    await runDemo(opts, td, stop.signal, result);
  } catch (err) {
    if (err instanceof Interrupted || stop.signal.aborted) code = result.live ? 0 : 130;
    else {
      fail(err instanceof DemoError ? err.message : ((err as Error).stack ?? String(err)));
      code = 1;
    }
  }
  print("\n==> teardown (reverse order)");
  const since = Date.now();
  const clean = await td.run();
  result.timings.push(["teardown", Date.now() - since]);
  const left = await leftovers(result.pids);
  if (left.length > 0) {
    fail(`left behind after teardown (run npm run cleanup):\n  ${left.join("\n  ")}`);
    code = code || 1;
  } else
    info("leftovers: none (no zb- namespace or link, no 10.99.0.0/16 route, no agent/zeek/tcpreplay/nats)");
  if (!clean && code === 0) {
    warn("a teardown step failed (see above)");
    code = 1;
  }
  print("\n==> summary");
  for (const [what, ms] of result.timings) info(`${what.padEnd(45)} ${duration(ms)}`);
  info(`${"total".padEnd(45)} ${duration(Date.now() - started)}`);
  info(code === 0 ? "demo finished" : `demo ended with exit code ${code}`);
  return code;
}

process.exit(await main());
