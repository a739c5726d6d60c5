import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "@zeekbus/contracts";
import { createLogger } from "@zeekbus/log";
import { logFailures, mapBounded, refuseDuplicateHosts } from "./fan-out.js";

describe("mapBounded", () => {
  it("keeps the order of the items and never has more than `limit` calls pending", async () => {
    let pending = 0;
    let most = 0;
    const out = await mapBounded(
      Array.from({ length: 50 }, (_, i) => i),
      4,
      async (i) => {
        most = Math.max(most, ++pending);
        await new Promise((r) => setImmediate(r));
        pending--;
        return i * 2;
      },
    );
    assert.deepEqual(
      out,
      Array.from({ length: 50 }, (_, i) => i * 2),
    );
    assert.equal(most, 4);
  });

  it("an empty list is an empty result", async () => {
    assert.deepEqual(await mapBounded([], 4, async () => 1), []);
  });
});

describe("refuseDuplicateHosts", () => {
  it("accepts hosts named once", () => {
    refuseDuplicateHosts([{ host: "a" }, { host: "b" }]);
  });

  it("refuses a host named twice, naming hosts and the first few duplicates", () => {
    const hosts = [{ host: "a" }, ...Array.from({ length: 2000 }, () => ({ host: "localhost" }))];
    assert.throws(
      () => refuseDuplicateHosts(hosts),
      (err: Error) => {
        assert.ok(err instanceof ValidationError);
        assert.equal(err.message, "hosts: 1999 duplicate host(s); name each host once");
        assert.deepEqual(err.details, [
          "hosts.2.host: localhost is already hosts.1",
          "hosts.3.host: localhost is already hosts.1",
          "hosts.4.host: localhost is already hosts.1",
          "hosts.5.host: localhost is already hosts.1",
          "hosts.6.host: localhost is already hosts.1",
          "hosts: 1994 more duplicates",
        ]);
        return true;
      },
    );
  });
});

describe("logFailures", () => {
  const capture = () => {
    const lines: { level: number; msg: string; failed?: number }[] = [];
    const log = createLogger({
      name: "t",
      level: "debug",
      destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
    });
    return { log, lines };
  };

  it("writes one warn line for many failures, nothing when none failed", () => {
    const { log, lines } = capture();
    logFailures(log, "facts", 3, []);
    assert.equal(lines.length, 0);
    const failures = Array.from({ length: 1000 }, (_, i) => ({ name: `h${i}`, error: "x".repeat(5000) }));
    logFailures(log, "facts", 1000, failures);
    assert.equal(lines.length, 1);
    assert.equal(lines[0]?.level, 40);
    assert.equal(lines[0]?.msg, "facts failed on 1000 of 1000: h0, h1, h2, h3, h4 and 995 more");
    assert.ok(JSON.stringify(lines[0]).length < 3000);
  });
});
