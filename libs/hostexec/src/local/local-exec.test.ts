import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { InternalError, NotFoundError, TimeoutError, ValidationError } from "@zeekbus/contracts";
import { HOSTILE_VALUES } from "../test-values.js";
import { DEFAULT_PATH } from "../types.js";
import { LocalExec } from "./local-exec.js";

const exec = new LocalExec();
const dir = mkdtempSync(join(tmpdir(), "hx-local-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Alive and not a zombie. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

describe("LocalExec.run", () => {
  it("returns exit codes and output", async () => {
    const r = await exec.run(["sh", "-c", 'echo out; echo err >&2; exit "$1"', "sh", "7"]);
    assert.deepEqual([r.code, r.signal, r.stdout, r.stderr], [7, null, "out\n", "err\n"]);
    assert.ok(r.durationMs >= 0);
  });

  it("reports a terminating signal", async () => {
    const r = await exec.run(["sh", "-c", "kill -TERM $$"]);
    assert.deepEqual([r.code, r.signal], [null, "SIGTERM"]);
  });

  it("a missing program ends with 127, like env", async () => {
    const r = await exec.run(["/nonexistent/prog"]);
    assert.equal(r.code, 127);
    assert.match(r.stderr, /ENOENT/);
  });

  it("streams output as it comes", async () => {
    const chunks: string[] = [];
    const times: number[] = [];
    const r = await exec.run(["sh", "-c", "echo a; sleep 0.3; echo b"], {
      onStdout: (c) => {
        chunks.push(c.toString());
        times.push(Date.now());
      },
    });
    assert.equal(chunks.join(""), "a\nb\n");
    assert.equal(r.stdout, "a\nb\n");
    assert.ok(chunks.length >= 2 && (times.at(-1) as number) - (times[0] as number) >= 250);
  });

  it("feeds stdin and closes it", async () => {
    assert.equal((await exec.run(["cat"], { stdin: "hello\n" })).stdout, "hello\n");
    assert.equal((await exec.run(["cat"])).stdout, "");
  });

  it("a command that exits without reading a large stdin ends with its own status", async () => {
    const large = Buffer.alloc(16 << 20, 0x79);
    for (let i = 0; i < 10; i++) assert.equal((await exec.run(["true"], { stdin: large })).code, 0);
    assert.equal((await exec.run(["sh", "-c", "exit 4"], { stdin: large })).code, 4);
  });

  it("uses a clean environment with PATH and the given variables, and the cwd", async () => {
    const r = await exec.run(["sh", "-c", 'printf "%s|%s|%s|" "$PATH" "$A" "$HOME"; pwd'], {
      env: { A: "x y" },
      cwd: dir,
    });
    assert.equal(r.stdout, `${DEFAULT_PATH}|x y||${dir}\n`);
  });

  it("passes hostile argv and env values verbatim and runs none of them", async () => {
    const env = Object.fromEntries(HOSTILE_VALUES.map((v, i) => [`V${i}`, v]));
    const r = await exec.run(["printf", "%s\\0", ...HOSTILE_VALUES], { env, cwd: dir });
    assert.deepEqual(r.stdout.split("\0").slice(0, -1), [...HOSTILE_VALUES]);
    const got = (await exec.run(["env", "-0"], { env })).stdout.split("\0").filter(Boolean);
    assert.deepEqual(got, [`PATH=${DEFAULT_PATH}`, ...Object.entries(env).map(([k, v]) => `${k}=${v}`)]);
    assert.equal(existsSync("/tmp/hx-pwned"), false);
  });

  it("a timeout kills the command and its children and rejects with TimeoutError", async () => {
    const pidFile = join(dir, "child.pid");
    const started = Date.now();
    await assert.rejects(
      exec.run(["sh", "-c", `sleep 30 & echo $! > ${pidFile}; wait`], { timeoutMs: 300 }),
      (err: Error) =>
        err instanceof TimeoutError && /Command timeout on host local after 300 ms: sh -c/.test(err.message),
    );
    assert.ok(Date.now() - started < 2000);
    const pid = Number(readFileSync(pidFile, "utf8"));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(pid), false);
  });

  it("an abort kills the command", async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    await assert.rejects(exec.run(["sleep", "30"], { signal: ac.signal }), InternalError);
  });

  it("rejects invalid input before spawning", async () => {
    assert.throws(() => exec.run(["echo"], { env: { "BAD NAME": "x" } }), ValidationError);
    assert.throws(() => exec.run(["echo"], { cwd: "relative" }), ValidationError);
  });
});

describe("LocalExec files", () => {
  it("writeFile writes atomically with a mode; readFile reads it back", async () => {
    const p = join(dir, "f.txt");
    await exec.writeFile(p, "one");
    await exec.writeFile(p, Buffer.from("two"), { mode: 0o600 });
    assert.equal((await exec.readFile(p)).toString(), "two");
    assert.equal(statSync(p).mode & 0o777, 0o600);
  });

  it("a missing file or parent is NotFound, naming path and host", async () => {
    await assert.rejects(
      exec.readFile(join(dir, "nope")),
      (err: Error) => err instanceof NotFoundError && /readFile .*nope on host local/.test(err.message),
    );
    await assert.rejects(exec.writeFile(join(dir, "no/such/f"), "x"), NotFoundError);
  });

  it("refuses relative paths and '..'", async () => {
    assert.throws(() => exec.writeFile("rel.txt", "x"), ValidationError);
    assert.throws(() => exec.writeFile(`${dir}/../x`, "x"), ValidationError);
    assert.throws(() => exec.readFile("/etc/../etc/passwd"), ValidationError);
  });
});
