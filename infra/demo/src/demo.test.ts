/**
 * End to end: the demo as `npm run demo -- --duration 20` runs it (a child process), then an
 * independent look at the machine: no lab namespace, route or link, and none of the zeek
 * processes the demo printed is still alive.
 */
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readlinkSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { isAlive } from "@zeekbus/lab";

const main = fileURLToPath(new URL("./main.js", import.meta.url));
const skip = process.getuid?.() !== 0 ? "needs root (network namespaces, sshd, AF_PACKET)" : false;

/** Runs the demo; if the test is cancelled (timeout), the demo gets SIGTERM and tears down. */
function runDemo(args: string[], signal: AbortSignal): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      signal,
      killSignal: "SIGTERM",
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.once("error", (err) => (err.name === "AbortError" ? undefined : reject(err)));
    child.once("close", (code) => resolve({ code, out }));
  });
}

/** Processes running a zeek-sim binary from a lab host's /opt/zeek or a demo temp dir. */
function demoZeeks(): number[] {
  return readdirSync("/proc")
    .map(Number)
    .filter((pid) => {
      if (!Number.isInteger(pid)) return false;
      try {
        const exe = readlinkSync(`/proc/${pid}/exe`);
        return /\/zeek-sim/.test(exe) && /\/opt\/zeek\/|zeekbus-demo-/.test(exe) && isAlive(pid);
      } catch {
        return false;
      }
    });
}

test("demo --duration 20: deploys the example, a killed worker recovers, nothing is left", {
  skip,
  timeout: 240_000,
}, async (t) => {
  const started = Date.now();
  const { code, out } = await runDemo(["--duration", "20", "--kill-after", "6"], t.signal);
  const tail = out.split("\n").slice(-60).join("\n");
  assert.equal(code, 0, `demo exit ${code}:\n${tail}`);

  assert.match(out, /Deployed revision \d+\./, "deploy succeeded");
  for (const node of [
    "logger-1",
    "manager",
    "proxy-1",
    "worker-h2-1",
    "worker-h2-2",
    "worker-h3-1",
    "worker-h3-2",
  ])
    assert.match(out, new RegExp(`${node} started \\(pid \\d+\\)`), `${node} started`);

  const victim = /crash drill: kill -9 (\S+)/.exec(out)?.[1];
  assert.ok(victim, "a worker was killed");
  const events = [...out.matchAll(new RegExp(`event ${victim} (\\w+)`, "g"))].map((m) => m[1]);
  assert.ok(events.includes("crashed"), `crashed seen: ${events.join(" ")}`);
  const crashedAt = events.indexOf("crashed");
  assert.ok(events.indexOf("running", crashedAt) > crashedAt, `running after crashed: ${events.join(" ")}`);
  assert.match(out, new RegExp(`${victim} is running again \\(pid \\d+\\)`));
  assert.match(out, /leftovers: none/);

  const netns = execFileSync("ip", ["netns", "list"], { encoding: "utf8" });
  assert.doesNotMatch(netns, /^zb-/m, "no lab namespace left");
  assert.equal(execFileSync("ip", ["route", "show", "10.99.0.0/16"], { encoding: "utf8" }).trim(), "");
  const pids = [...out.matchAll(/(?:started|running again) \(pid (\d+)\)/g)].map((m) => Number(m[1]));
  assert.ok(pids.length >= 8, `zeek pids printed: ${pids.join(" ")}`);
  assert.deepEqual(pids.filter(isAlive), [], "no zeek process of the demo left");
  assert.deepEqual(demoZeeks(), [], "no zeek-sim process from a lab host left");
  t.diagnostic(`demo run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
