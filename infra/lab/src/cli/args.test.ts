import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LabOptionError } from "../errors.js";
import { checkKnown, num, parseArgs, requireStr, str } from "./args.js";

describe("CLI argument parsing", () => {
  it("reads --name value, --name=value, booleans, positionals and the rest after --", () => {
    const a = parseArgs(["h2", "--dir", "/d", "--pps=500", "--topspeed", "--", "ls", "--all"], ["topspeed"]);
    assert.deepEqual(a.positional, ["h2"]);
    assert.equal(str(a, "dir"), "/d");
    assert.equal(num(a, "pps"), 500);
    assert.equal(a.flags.get("topspeed"), true);
    assert.deepEqual(a.rest, ["ls", "--all"]);
  });

  it("names the option in its errors", () => {
    assert.throws(() => parseArgs(["--hosts"]), /--hosts needs a value/);
    assert.throws(() => num(parseArgs(["--hosts", "x"]), "hosts"), /--hosts must be a number/);
    assert.throws(() => requireStr(parseArgs([]), "trace"), /missing option --trace/);
    assert.throws(() => checkKnown(parseArgs(["--nope", "1"]), ["dir"]), LabOptionError);
  });
});
