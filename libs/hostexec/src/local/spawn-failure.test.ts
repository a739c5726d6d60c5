/**
 * A command this machine cannot start is a rejection naming it, never a crash: a child Node
 * process uses every file descriptor it may open, then runs commands through LocalExec.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { promisify } from "node:util";

const LOCAL_EXEC = new URL("./local-exec.js", import.meta.url).href;

/** Prints one JSON line per outcome: `run` without descriptors (three ways), then after freeing them. */
const SCRIPT = `
import { closeSync, openSync } from "node:fs";
import { LocalExec } from ${JSON.stringify(LOCAL_EXEC)};
const exec = new LocalExec();
const outcome = (p) => p.then(
  (r) => ({ code: r.code, stderr: r.stderr }),
  (e) => ({ error: e.name, message: e.message }),
);
const fds = [];
for (;;) {
  try { fds.push(openSync("/dev/null", "r")); } catch { break; }
}
const starved = await Promise.all([
  outcome(exec.run(["sh", "-c", "exit 3"])),
  outcome(exec.run(["nproc"], { stdin: "x" })),
  outcome(exec.run(["true"], { timeoutMs: 5000 })),
]);
for (const fd of fds) closeSync(fd);
const after = await outcome(exec.run(["sh", "-c", "exit 3"]));
console.log(JSON.stringify({ starved, after }));
`;

const run = promisify(execFile);

describe("LocalExec without file descriptors", () => {
  it("rejects with an InternalError naming the command; the process lives on", async () => {
    const { stdout } = await run("sh", [
      "-c",
      'ulimit -n 128 && exec "$0" --input-type=module -e "$1"',
      process.execPath,
      SCRIPT,
    ]);
    const { starved, after } = JSON.parse(stdout) as {
      starved: { error?: string; message?: string }[];
      after: { code: number };
    };
    const names = ["sh -c 'exit 3'", "nproc", "true"];
    starved.forEach((o, i) => {
      assert.equal(o.error, "Internal", JSON.stringify(o));
      assert.ok(o.message?.startsWith(`Cannot start ${names[i]} on host local: `), o.message);
      assert.match(o.message ?? "", /EMFILE/);
    });
    assert.deepEqual(after, { code: 3, stderr: "" });
  });
});
