import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CommandError } from "./errors.js";
import { run } from "./exec.js";

/** More than a pipe holds, so a command that reads none of it leaves the write pending when it exits. */
const LARGE = "y\n".repeat(8 << 20);

describe("run", () => {
  it("feeds input to a command that exits without reading it (ssh-keygen with no question), 25 times", async () => {
    for (let i = 0; i < 25; i++) {
      const r = await run(["true"], { input: LARGE });
      assert.equal(r.code, 0);
    }
  });

  it("feeds input to a command that reads it", async () => {
    assert.equal((await run(["wc", "-c"], { input: LARGE })).stdout.trim(), String(LARGE.length));
  });

  it("rejects with the command's output when it fails without reading its input", async () => {
    await assert.rejects(
      run(["sh", "-c", "echo nope >&2; exit 3"], { input: LARGE }),
      (err: CommandError) => {
        assert.ok(err instanceof CommandError);
        assert.equal(err.code, 3);
        assert.match(err.message, /exited with 3: nope/);
        return true;
      },
    );
  });
});
