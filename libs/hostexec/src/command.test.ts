import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ValidationError } from "@zeekbus/contracts";
import { buildCommandLine, PID_LINE } from "./command.js";
import { HOSTILE_VALUES } from "./test-values.js";
import { DEFAULT_PATH } from "./types.js";

/** Runs a command line the way sshd does: the login shell's `-c`. */
function viaShell(line: string): { out: string; code: number | null } {
  const r = spawnSync("bash", ["-c", line], { encoding: "utf8" });
  assert.match(r.stderr, /^[0-9]+\n/);
  return { out: r.stdout, code: r.status };
}

describe("buildCommandLine", () => {
  it("has the expected shape", () => {
    assert.equal(
      buildCommandLine({ argv: ["zeek", "-a", "x y"], env: { A: "1" }, cwd: "/opt/z", timeoutMs: 1500 }),
      `${PID_LINE}cd -- /opt/z && exec timeout --signal=KILL 1.500s env -i -- PATH\\=${DEFAULT_PATH.replaceAll(":", "\\:")} A\\=1 zeek -a 'x y'`,
    );
    assert.equal(
      buildCommandLine({ argv: ["true"] }),
      `${PID_LINE}exec env -i -- PATH\\=${DEFAULT_PATH.replaceAll(":", "\\:")} true`,
    );
  });

  it("validates before building", () => {
    assert.throws(() => buildCommandLine({ argv: ["echo"], env: { "A;B": "x" } }), ValidationError);
    assert.throws(() => buildCommandLine({ argv: ["echo"], cwd: "rel" }), ValidationError);
    assert.throws(() => buildCommandLine({ argv: ["echo", "\u0000"] }), ValidationError);
    assert.throws(() => buildCommandLine({ argv: ["echo"], timeoutMs: -1 }), ValidationError);
  });

  it("delivers hostile argv values verbatim through a real shell, running none of them", () => {
    const dir = mkdtempSync(join(tmpdir(), "hx-cmd-"));
    try {
      const line = buildCommandLine({ argv: ["printf", "%s\\0", ...HOSTILE_VALUES], cwd: dir });
      const r = viaShell(line);
      assert.equal(r.code, 0);
      assert.deepEqual(r.out.split("\0").slice(0, -1), [...HOSTILE_VALUES]);
      assert.equal(existsSync("/tmp/hx-pwned"), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("delivers hostile env values verbatim and gives a clean environment", () => {
    const env = Object.fromEntries(HOSTILE_VALUES.map((v, i) => [`V${i}`, v]));
    const r = viaShell(buildCommandLine({ argv: ["env", "-0"], env }));
    const got = Object.fromEntries(
      r.out
        .split("\0")
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
    );
    assert.deepEqual(got, { PATH: DEFAULT_PATH, ...env });
    assert.equal(existsSync("/tmp/hx-pwned"), false);
  });

  it("a cwd with metacharacters is entered, not run", () => {
    const base = mkdtempSync(join(tmpdir(), "hx-cwd-"));
    const dir = join(base, "$(touch hx-pwned) ;`x`");
    spawnSync("mkdir", [dir]);
    try {
      const r = viaShell(buildCommandLine({ argv: ["pwd"], cwd: dir }));
      assert.equal(r.out.trim(), dir);
      assert.equal(existsSync(join(base, "hx-pwned")), false);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
