import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatProblem } from "@zeekbus/config";
import { DEFAULT_SEED } from "../seed.js";
import { unlocatedErrors } from "./check.js";
import { loadSeeds } from "./corpus.js";
import { configInput } from "./input.js";
import { MAX_TEXT } from "./mutate.js";
import { runConfigFuzz } from "./run.js";

describe("config fuzz: the checker", () => {
  const files = { "node.cfg": "[a]\ntype=proxy\n", "zeekctl.cfg": "" };

  it("flags an error without a line, or in a file it was not given, and accepts located ones", () => {
    const problems = [
      { level: "error" as const, file: "node.cfg", line: 2, message: "located" },
      { level: "error" as const, file: "node.cfg", line: 0, message: "lb_procs is huge" },
      { level: "error" as const, file: "other.cfg", line: 1, message: "elsewhere" },
      { level: "error" as const, file: "node.cfg", line: 99, message: "past the end" },
      { level: "error" as const, file: "node.cfg", line: 0, message: "no manager defined in node config" },
      { level: "warning" as const, file: "node.cfg", line: 0, message: "a warning needs no line" },
    ];
    assert.deepEqual(
      unlocatedErrors(problems, files).map((u) => u.split(":")[0]),
      ["has no line", "names no given file", "line 99 is outside the file"],
      problems.map(formatProblem).join("\n"),
    );
  });

  it("rebuilds any input from (seed, index) alone, and keeps it under the size bound", () => {
    const seeds = loadSeeds();
    for (const i of [0, 1, 17, 4242]) {
      assert.deepEqual(configInput(seeds, DEFAULT_SEED, i), configInput(seeds, DEFAULT_SEED, i));
      for (const text of Object.values(configInput(seeds, DEFAULT_SEED, i).files))
        assert.ok(text.length <= MAX_TEXT);
    }
    assert.notDeepEqual(configInput(seeds, 1, 3).files, configInput(seeds, 2, 3).files);
  });
});

describe("config fuzz: fixed-seed slice of npm run fuzz", () => {
  it(`500 mutated zeekctl/YAML inputs (seed ${DEFAULT_SEED}): no exception, crash or unlocated rejection`, async () => {
    const r = await runConfigFuzz({
      seed: DEFAULT_SEED,
      count: 500,
      seconds: 120,
      heapMb: 512,
      inputTimeoutMs: 5000,
    });
    const shown = r.findings
      .map((f) => `[${f.kind}] ${f.count} × ${f.example.detail.slice(0, 300)}`)
      .join("\n");
    assert.equal(r.inputs, 500, shown);
    assert.deepEqual(
      {
        exceptions: r.exceptions,
        crashes: r.crashes,
        unlocated: r.rejectionsWithoutLocation,
        broken: r.broken,
      },
      { exceptions: 0, crashes: 0, unlocated: 0, broken: 0 },
      shown,
    );
    assert.ok(r.accepted > 0 && r.rejected > 0, "the slice reaches both outcomes");
  });
});
