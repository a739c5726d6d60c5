import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { LabHost } from "@zeekbus/lab";
import { HostKeyError } from "../errors.js";
import { checkHostKey, parseKnownHosts } from "./known-hosts.js";
import { type LabFixture, labSkipReason, newKey, startLab, targetOf } from "./lab-fixture.js";
import { SshPool } from "./pool.js";

describe("host key pinning against real sshd", { skip: labSkipReason() }, () => {
  let fx: LabFixture;
  let h2: LabHost;
  let work: string;
  let labLines: string[];
  const pools: SshPool[] = [];
  const poolWith = (knownHosts: string, trustOnFirstUse = false) => {
    const p = new SshPool({ knownHostsPath: knownHosts, trustOnFirstUse });
    pools.push(p);
    return p;
  };
  const marker = (name: string) => join(h2.privateDir, name);

  before(async () => {
    fx = await startLab(2);
    h2 = fx.lab.hosts[1] as LabHost;
    work = mkdtempSync(join(tmpdir(), "hx-kh-lab-"));
    labLines = readFileSync(fx.lab.knownHostsPath, "utf8").trim().split("\n");
  });
  after(async () => {
    for (const p of pools) await p.close();
    await fx?.down();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("an unknown host key is refused, naming host and fingerprint; nothing runs", async () => {
    const file = join(work, "only-h1");
    writeFileSync(file, `${labLines.filter((l) => !l.includes(h2.ip)).join("\n")}\n`);
    await assert.rejects(
      poolWith(file).host(targetOf(h2)).run(["touch", "/opt/zeek/unknown-ran"]),
      (err: Error) => {
        assert.ok(err instanceof HostKeyError, String(err));
        assert.equal(err.code, "ValidationError");
        assert.equal(err.problem, "unknown");
        assert.match(err.message, /^Host key for 10\.99\.0\.2 is not known \(SHA256:[A-Za-z0-9+/]{43}\)/);
        return true;
      },
    );
    assert.equal(existsSync(marker("unknown-ran")), false);
  });

  it("a changed host key is refused, listing the pinned fingerprint; nothing runs", async () => {
    const file = join(work, "changed");
    const other = newKey(work, "other-host-key");
    writeFileSync(file, `${h2.ip} ssh-ed25519 ${other.blob}\n`);
    await assert.rejects(
      poolWith(file).host(targetOf(h2)).run(["touch", "/opt/zeek/changed-ran"]),
      (err: Error) => {
        assert.ok(err instanceof HostKeyError, String(err));
        assert.equal(err.problem, "changed");
        assert.match(err.message, /has changed \(SHA256:/);
        assert.equal(err.details.length, 1);
        assert.match(err.details[0] as string, /^expected: SHA256:/);
        return true;
      },
    );
    assert.equal(existsSync(marker("changed-ran")), false);
  });

  it("a hashed pin is honoured", async () => {
    const file = join(work, "hashed");
    writeFileSync(file, `${labLines.join("\n")}\n`);
    const { execFileSync } = await import("node:child_process");
    execFileSync("ssh-keygen", ["-q", "-H", "-f", file], { stdio: "ignore" });
    assert.ok(readFileSync(file, "utf8").startsWith("|1|"));
    assert.equal((await poolWith(file).host(targetOf(h2)).run(["hostname"])).stdout, "h2\n");
  });

  it("trust-on-first-use records the key, which then pins it", async () => {
    const file = join(work, "tofu");
    writeFileSync(file, "");
    const tofu = poolWith(file, true).host(targetOf(h2));
    assert.equal((await tofu.run(["hostname"])).stdout, "h2\n");
    const recorded = parseKnownHosts(readFileSync(file, "utf8"));
    assert.equal(recorded.length, 1);
    const labEntries = parseKnownHosts(labLines.join("\n"));
    assert.equal(checkHostKey(labEntries, h2.ip, recorded[0]?.key as Buffer).status, "ok");
    assert.equal((await poolWith(file).host(targetOf(h2)).run(["hostname"])).stdout, "h2\n");
    const other = newKey(work, "tofu-other");
    writeFileSync(file, `${h2.ip} ssh-ed25519 ${other.blob}\n`);
    await assert.rejects(poolWith(file, true).host(targetOf(h2)).run(["true"]), HostKeyError);
  });
});
