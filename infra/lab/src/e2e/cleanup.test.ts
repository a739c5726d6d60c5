import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { labDown } from "../down.js";
import { isAlive, strayLabPids } from "../host/procs.js";
import { hasGuardRoute } from "../net/guard.js";
import { listLabNetns, listLabRootLinks } from "../net/netns.js";
import { labUp } from "../up.js";
import { acquireLabLock, isRoot } from "./helpers.js";

function connectError(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: 2000 });
    s.on("connect", () => {
      s.destroy();
      resolve("connected");
    });
    s.on("timeout", () => {
      s.destroy();
      resolve("timeout");
    });
    s.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe("lab safety and crash cleanup", { skip: !isRoot() && "needs root" }, () => {
  let release: () => void = () => undefined;
  let dirA: string;
  let dirB: string;

  before(async () => {
    release = await acquireLabLock();
    dirA = mkdtempSync(join(tmpdir(), "zb-crash-a-"));
    dirB = mkdtempSync(join(tmpdir(), "zb-crash-b-"));
  });
  after(async () => {
    await labDown(dirA);
    rmSync(dirA, { recursive: true, force: true });
    rmSync(dirB, { recursive: true, force: true });
    release();
  });

  it("fails fast for lab-subnet addresses that no lab host owns", async () => {
    await labUp({ hosts: 2, dir: dirA });
    assert.equal(await connectError("10.99.0.2", 22), "connected");
    assert.match(await connectError("10.99.7.7", 22), /^(ENETUNREACH|EHOSTUNREACH)$/);
  });

  it("down from another directory still removes a lab whose state was lost", async () => {
    rmSync(join(dirA, "lab.json"));
    const tagged = strayLabPids();
    assert.ok(tagged.length >= 4, "holders and sshds carry the lab tag");
    await labDown(dirB);
    assert.deepEqual(await listLabNetns(), []);
    assert.deepEqual(await listLabRootLinks(), []);
    assert.equal(await hasGuardRoute(), false);
    assert.deepEqual(tagged.filter(isAlive), []);
  });

  it("up over the leftovers of a crashed run starts clean", async () => {
    await labUp({ hosts: 2, dir: dirA });
    rmSync(join(dirA, "lab.json"));
    const lab = await labUp({ hosts: 3, dir: dirA });
    assert.deepEqual((await listLabNetns()).sort(), ["zb-gen", "zb-h1", "zb-h2", "zb-h3", "zb-sw"]);
    assert.equal(lab.hosts.length, 3);
  });
});
