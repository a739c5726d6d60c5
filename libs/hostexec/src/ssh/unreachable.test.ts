/**
 * A host nothing answers on (its ssh port refuses): every command fails with UnreachableError,
 * at once, however many run together and however many come after (no lab needed: loopback).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { UnreachableError } from "@zeekbus/contracts";
import { closedPort } from "@zeekbus/lab";
import { newKey } from "./lab-fixture.js";
import { SshPool } from "./pool.js";

const dir = mkdtempSync(join(tmpdir(), "hx-unreach-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const unreachable = (err: Error) => err instanceof UnreachableError && /127\.0\.0\.2/.test(err.message);

describe("SshPool and a host that refuses connections", () => {
  it("fails a burst of commands and every later one with UnreachableError, none held until its timeout", async () => {
    const pool = new SshPool({ knownHostsPath: join(dir, "known_hosts") });
    after(() => pool.close());
    const target = {
      host: "127.0.0.2",
      port: await closedPort(),
      username: "nobody",
      keyPath: newKey(dir, "id").path,
    };
    const exec = pool.host(target);
    const burst = Array.from({ length: 30 }, () => exec.run(["true"], { timeoutMs: 20_000 }));
    for (const run of burst) await assert.rejects(run, unreachable);
    for (let i = 0; i < 3; i++) await assert.rejects(exec.run(["true"], { timeoutMs: 20_000 }), unreachable);
    assert.equal(pool.connections(target), 0);
  });
});
