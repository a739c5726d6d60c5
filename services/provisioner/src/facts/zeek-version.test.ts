import assert from "node:assert/strict";
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { LocalExec } from "@zeekbus/hostexec";
import { zeekSimBin } from "@zeekbus/zeek-sim";
import { parseZeekVersion, readZeekVersion, zeekVersionOf } from "./zeek-version.js";

/** zeekctl's test stand-in answers `-v` (and dies on any option it does not know). */
const STAND_IN = `#!/bin/sh
case "$1" in
  -v) echo "zeek version 2.5-1"; exit 0 ;;
  *) echo "getopt.GetoptError: option $1 not recognized" >&2; exit 1 ;;
esac
`;

function script(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "zeekbus-zeekv-")), "zeek");
  writeFileSync(path, text, { mode: 0o755 });
  return path;
}

const run = (code: number | null, stdout: string, stderr = "") => zeekVersionOf({ code, stdout, stderr });

describe("the Zeek version, read as zeekctl's config.py reads it", () => {
  it("_get_zeek_version: the last line of `zeek -v`, `.* version ([^ ]*)`, -debug stripped", () => {
    assert.equal(parseZeekVersion("zeek version 8.2.0\n"), "8.2.0");
    assert.equal(parseZeekVersion("/opt/zeek/bin/zeek version 7.0.5-debug\n"), "7.0.5");
    assert.equal(parseZeekVersion("zeek version 2.5-1\n"), "2.5-1");
    assert.equal(parseZeekVersion("warning: a plugin said hello\nzeek version 6.0.4\n"), "6.0.4");
    assert.equal(parseZeekVersion("zeek version 6.0.4 (extra words)\n"), "6.0.4");
    assert.equal(parseZeekVersion("zeek version 6.0.4\nwarning: after the version\n"), undefined);
    assert.equal(parseZeekVersion("version 6.0.4\n"), undefined);
    assert.equal(parseZeekVersion(`zeek version ${"9".repeat(65)}\n`), undefined);
  });

  it("_get_zeek_version: says why when zeek -v fails or prints no version", () => {
    assert.deepEqual(run(0, "zeek version 8.1.0\n"), { version: "8.1.0" });
    assert.deepEqual(run(1, ""), { versionProblem: 'running "zeek -v" failed with no output' });
    assert.deepEqual(run(0, ""), { versionProblem: 'running "zeek -v" failed with no output' });
    assert.deepEqual(run(127, "env: 'python3': No such file or directory\n"), {
      versionProblem: "running \"zeek -v\" failed with output: env: 'python3': No such file or directory",
    });
    assert.deepEqual(run(0, "Zeek 8\n"), {
      versionProblem: 'cannot determine Zeek version ("zeek -v" output: Zeek 8)',
    });
    assert.equal(run(1, "", "missing\n"), undefined, "no zeek at all");
  });

  it("reads the version of a zeek that knows only -v, like zeekctl's test stand-in", async () => {
    assert.deepEqual(await readZeekVersion(new LocalExec(), script(STAND_IN), 10_000), { version: "2.5-1" });
  });

  it("reads zeek-sim's version and tells a missing zeek from one that gives no version", async () => {
    const exec = new LocalExec();
    assert.deepEqual(await readZeekVersion(exec, zeekSimBin, 10_000), { version: "8.2.0" });
    assert.equal(await readZeekVersion(exec, "/nonexistent/bin/zeek", 10_000), undefined);
    const dangling = join(mkdtempSync(join(tmpdir(), "zeekbus-zeekv-")), "zeek");
    symlinkSync("/nonexistent/zeek", dangling);
    assert.match(
      (await readZeekVersion(exec, dangling, 10_000))?.versionProblem ?? "",
      /^running "zeek -v" failed/,
    );
    const mute = script("#!/bin/sh\nexit 0\n");
    assert.deepEqual(await readZeekVersion(exec, mute, 10_000), {
      versionProblem: 'running "zeek -v" failed with no output',
    });
  });
});
