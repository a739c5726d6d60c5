import assert from "node:assert/strict";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ValidationError } from "@zeekbus/contracts";
import { planSwap, swapArgv } from "../swap-plan.js";
import { LocalExec } from "./local-exec.js";

const exec = new LocalExec();
const base = mkdtempSync(join(tmpdir(), "hx-swap-"));
after(() => rmSync(base, { recursive: true, force: true }));

const NAMES = Array.from({ length: 20 }, (_, i) => `sub/f${String(i).padStart(2, "0")}`);

/** A generation of files: each names its generation and ends with a marker, 16 KiB each. */
function generation(n: number): Record<string, string> {
  const body = `gen ${n} `.padEnd(16 * 1024, "x");
  return Object.fromEntries([...NAMES, "top"].map((name) => [name, `${body}END`]));
}

describe("LocalExec.swapDir", () => {
  it("creates, replaces and removes files, with modes, leaving no staging dirs", async () => {
    const target = join(base, "site");
    await exec.swapDir(target, { "a.zeek": "A", "d/b.zeek": "B" }, { modes: { "a.zeek": 0o600 } });
    assert.equal(readFileSync(join(target, "d/b.zeek"), "utf8"), "B");
    assert.equal(statSync(join(target, "a.zeek")).mode & 0o777, 0o600);
    await exec.swapDir(target, { "c.zeek": "C" });
    assert.deepEqual(readdirSync(target), ["c.zeek"]);
    assert.ok(lstatSync(target).isSymbolicLink());
    const siblings = readdirSync(base).sort();
    assert.equal(siblings.length, 2, siblings.join());
    assert.match(siblings[0] as string, /^\.site\.v-/);
  });

  it("a failed write leaves the old directory untouched and no staging dir", async () => {
    const target = join(base, "keep");
    await exec.swapDir(target, { a: "old" });
    const before = readdirSync(base).sort();
    await assert.rejects(exec.swapDir(target, { a: "new", "a/b": "conflict" }));
    assert.equal(readFileSync(join(target, "a"), "utf8"), "old");
    assert.deepEqual(readdirSync(base).sort(), before);
  });

  it("rejects bad targets and relative paths", async () => {
    assert.throws(() => exec.swapDir("rel", {}), ValidationError);
    assert.throws(() => exec.swapDir(join(base, "x"), { "../evil": "x" }), ValidationError);
  });

  it("a plain directory target is migrated to a symlinked version", async () => {
    const target = join(base, "plain");
    mkdirSync(target);
    writeFileSync(join(target, "seed"), "seed");
    await exec.swapDir(target, { n: "new" });
    assert.ok(lstatSync(target).isSymbolicLink());
    assert.deepEqual(readdirSync(target), ["n"]);
    assert.equal(readdirSync(base).filter((n) => n.includes("plain")).length, 2);
  });

  it("a concurrent reader never sees a partial directory", async () => {
    const target = join(base, "live");
    await exec.swapDir(target, { seed: "seed" });
    let stop = false;
    let reads = 0;
    let complete = 0;
    const problems: string[] = [];
    const reader = (async () => {
      while (!stop) {
        await new Promise((r) => setImmediate(r));
        try {
          const names = readdirSync(target, { recursive: true }).map(String);
          const files = names.filter((n) => n !== "sub").sort();
          if (files.length === 1 && files[0] === "seed") continue;
          reads++;
          if (files.join() !== [...NAMES, "top"].sort().join()) problems.push(`listing: ${files.join()}`);
          for (const f of files) {
            const text = readFileSync(join(target, f), "utf8");
            if (!text.endsWith("END") || text.length !== 16 * 1024 + 3) problems.push(`partial ${f}`);
          }
          complete++;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "ENOENT") problems.push(String(err));
        }
      }
    })();
    for (let n = 0; n < 20; n++) await exec.swapDir(target, generation(n));
    stop = true;
    await reader;
    assert.deepEqual(problems, []);
    assert.ok(reads > 10 && complete > 10, `reader made ${reads} reads`);
    assert.match(readFileSync(join(target, "top"), "utf8"), /^gen 19 /);
  });
});

describe("SWAP_SCRIPT (the remote swap) run by a local sh", () => {
  it("migrates a plain dir, swaps symlinks, removes the previous version, takes metacharacter paths", async () => {
    const parent = join(base, "odd $(touch pwned) `x`; dir");
    mkdirSync(parent);
    const target = join(parent, "site*");
    mkdirSync(target);
    writeFileSync(join(target, "old"), "old");
    const names: string[][] = [];
    for (const content of ["one", "two"]) {
      const plan = planSwap(target, { f: content });
      mkdirSync(plan.version);
      writeFileSync(join(plan.version, "f"), content);
      const argv = swapArgv(plan);
      const r = await exec.run(argv);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(readFileSync(join(target, "f"), "utf8"), content);
      names.push(readdirSync(parent).sort());
    }
    assert.ok(lstatSync(target).isSymbolicLink());
    assert.equal(names[0]?.length, 2);
    assert.equal(names[1]?.length, 2);
    assert.notDeepEqual(names[0], names[1]);
    assert.equal(existsSync(join(parent, "pwned")), false);
    assert.equal(existsSync(join(base, "pwned")), false);
  });
});
