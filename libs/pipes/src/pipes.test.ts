import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { feedStdin, guardWrites, isReaderGone } from "./index.js";

/** More than any pipe or socket buffer holds: a child that reads nothing cannot take it all. */
const LARGE = Buffer.alloc(16 << 20, 0x79);

describe("feedStdin", () => {
  it("a child that exits without reading a large stdin ends normally, 25 times in a row", async () => {
    for (let i = 0; i < 25; i++) {
      const child = spawn("true", [], { stdio: ["pipe", "ignore", "ignore"] });
      const others: Error[] = [];
      feedStdin(child, LARGE, (err) => others.push(err));
      const [code] = await once(child, "exit");
      if (!child.stdin?.closed) await once(child.stdin!, "close");
      assert.equal(code, 0);
      assert.equal(child.stdin?.writableFinished, false, "the write could not complete: the reader was gone");
      assert.deepEqual(others, []);
    }
  });

  it("a child that reads its stdin gets all of it", async () => {
    const child = spawn("wc", ["-c"], { stdio: ["pipe", "pipe", "ignore"] });
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    feedStdin(child, LARGE, (err) => assert.fail(err));
    await once(child, "close");
    assert.equal(out.trim(), String(LARGE.length));
  });

  it("refuses a child without a piped stdin", () => {
    const child = spawn("true", [], { stdio: "ignore" });
    assert.throws(() => feedStdin(child, "x", () => undefined), TypeError);
  });
});

describe("guardWrites", () => {
  it("hands on errors other than a gone reader, and tells a gone reader apart", () => {
    const stream = new PassThrough();
    const seen: string[] = [];
    guardWrites(stream, {
      onError: (err) => seen.push(`error ${err.message}`),
      onReaderGone: (err) => seen.push(`gone ${(err as NodeJS.ErrnoException).code}`),
    });
    stream.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    stream.emit("error", new Error("disk full"));
    assert.deepEqual(seen, ["gone EPIPE", "error disk full"]);
  });

  it("knows the codes of a reader that went away", () => {
    for (const code of ["EPIPE", "ECONNRESET", "ERR_STREAM_DESTROYED"])
      assert.ok(isReaderGone(Object.assign(new Error(code), { code })));
    assert.equal(isReaderGone(Object.assign(new Error("x"), { code: "ENOSPC" })), false);
    assert.equal(isReaderGone(undefined), false);
  });
});
