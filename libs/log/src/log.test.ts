import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { createLogger, withContext } from "./index.js";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

describe("log", () => {
  it("carries context and redacts secrets", () => {
    const { lines, stream } = capture();
    const log = createLogger({ name: "t", level: "debug", destination: stream });
    const child = withContext(log, {
      cluster: "c1",
      host: "h1",
      node: "worker-1",
      reqId: "r1",
      service: undefined,
    });
    child.info({ privateKey: "-----BEGIN", ssh: { passphrase: "pw" }, args: { token: "t0k" } }, "hello");
    const [line] = lines;
    assert.ok(line);
    assert.equal(line.cluster, "c1");
    assert.equal(line.node, "worker-1");
    assert.equal(line.reqId, "r1");
    assert.equal("service" in line, false);
    assert.equal(line.privateKey, "[redacted]");
    assert.deepEqual(line.ssh, { passphrase: "[redacted]" });
    assert.deepEqual(line.args, { token: "[redacted]" });
    assert.equal(JSON.stringify(lines).includes("t0k"), false);
  });
});
