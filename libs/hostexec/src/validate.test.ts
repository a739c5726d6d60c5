import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "@zeekbus/contracts";
import { validateAbsPath, validateArgv, validateEnv, validateRelPath, validateSwap } from "./validate.js";

describe("validateArgv", () => {
  const bad: Array<[string, unknown]> = [
    ["empty argv", []],
    ["NUL in an argument", ["echo", "a\u0000b"]],
    ["empty program", ["", "x"]],
    ["'=' in the program", ["A=B", "x"]],
    ["non-string", ["echo", 3]],
    ["over-long argument", ["echo", "x".repeat(40_000)]],
  ];
  for (const [name, argv] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(() => validateArgv(argv as string[]), ValidationError);
    });
  }
  it("accepts metacharacters (they are quoted, not rejected)", () => {
    validateArgv(["echo", "; rm -rf / $(x) `y` | z && w\n'\"*"]);
  });
  it("lists every problem in details", () => {
    try {
      validateArgv(["", "a\u0000", "b\u0000"]);
      assert.fail("expected a ValidationError");
    } catch (err) {
      assert.ok(err instanceof ValidationError);
      assert.equal(err.details.length, 3);
    }
  });
});

describe("validateEnv", () => {
  const names: Array<[string, boolean]> = [
    ["PATH", true],
    ["_x1", true],
    ["ZEEKPATH", true],
    ["1A", false],
    ["A-B", false],
    ["A B", false],
    ["A=B", false],
    ["$(x)", false],
    ["", false],
    ["Ä", false],
  ];
  for (const [name, ok] of names) {
    it(`${ok ? "accepts" : "rejects"} the name ${JSON.stringify(name)}`, () => {
      if (ok) validateEnv({ [name]: "v" });
      else assert.throws(() => validateEnv({ [name]: "v" }), ValidationError);
    });
  }
  it("accepts hostile values but not NUL", () => {
    validateEnv({ A: "$(id); `id` | x && y\n'\"" });
    assert.throws(() => validateEnv({ A: "a\u0000" }), ValidationError);
  });
});

describe("paths", () => {
  const abs: Array<[string, boolean]> = [
    ["/opt/zeek/spool", true],
    ["/opt/zeek/a b", true],
    ["/opt/zeek/$(x)", true],
    ["relative/x", false],
    ["/opt/../etc", false],
    ["/opt/zeek/..", false],
    ["/opt/ze\nek", false],
    ["/opt/a\u0000", false],
    ["", false],
  ];
  for (const [path, ok] of abs) {
    it(`absolute: ${ok ? "accepts" : "rejects"} ${JSON.stringify(path)}`, () => {
      if (ok) validateAbsPath(path);
      else assert.throws(() => validateAbsPath(path), ValidationError);
    });
  }
  const rel: Array<[string, boolean]> = [
    ["site/local.zeek", true],
    ["a", true],
    ["/abs", false],
    ["a/../b", false],
    ["a//b", false],
    ["./a", false],
    ["a/", false],
  ];
  for (const [path, ok] of rel) {
    it(`relative: ${ok ? "accepts" : "rejects"} ${JSON.stringify(path)}`, () => {
      if (ok) validateRelPath(path);
      else assert.throws(() => validateRelPath(path), ValidationError);
    });
  }
  it("swap targets must name a directory", () => {
    assert.throws(() => validateSwap("/", {}), ValidationError);
    assert.throws(() => validateSwap("/opt/x/", {}), ValidationError);
    assert.throws(() => validateSwap("/opt/x", { "../y": "" }), ValidationError);
    validateSwap("/opt/x", { "a/b": "" });
  });
});
