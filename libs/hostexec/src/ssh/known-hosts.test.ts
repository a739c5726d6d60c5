import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  blobKeyType,
  checkHostKey,
  fingerprint,
  knownHostsLine,
  knownHostsName,
  parseKnownHosts,
  pinnedKeyTypes,
} from "./known-hosts.js";

function blob(type: string, body: Buffer): Buffer {
  const t = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  const blen = Buffer.alloc(4);
  blen.writeUInt32BE(body.length);
  return Buffer.concat([len, t, blen, body]);
}

const K1 = blob("ssh-ed25519", randomBytes(32));
const K2 = blob("ssh-ed25519", randomBytes(32));
const K3 = blob("ssh-ed25519", randomBytes(32));
const line = (hosts: string, key: Buffer) => `${hosts} ${blobKeyType(key)} ${key.toString("base64")}`;
function hashed(name: string, key: Buffer): string {
  const salt = randomBytes(20);
  const hash = createHmac("sha1", salt).update(name).digest();
  return line(`|1|${salt.toString("base64")}|${hash.toString("base64")}`, key);
}

describe("known_hosts parsing and lookup", () => {
  const text = [
    "# comment",
    "",
    line("10.0.0.1,h1.example", K1),
    line("[10.0.0.2]:2222", K2),
    hashed("10.0.0.3", K3),
    line("*.wild.example,!bad.wild.example", K1),
    `@revoked ${line("*", K3)}`,
    "garbage line",
    line("10.0.0.9", K1).replace(/ \S+$/, " !!notbase64"),
  ].join("\n");
  const entries = parseKnownHosts(text);

  it("parses plain, port, hashed, wildcard and marker lines and skips junk", () => {
    assert.equal(entries.length, 5);
    assert.deepEqual(
      entries.map((e) => e.line),
      [3, 4, 5, 6, 7],
    );
    assert.equal(entries[4]?.marker, "revoked");
  });

  const cases: Array<[string, string, Buffer, string]> = [
    ["plain match", knownHostsName("10.0.0.1"), K1, "ok"],
    ["second name of a plain line", knownHostsName("h1.example"), K1, "ok"],
    ["changed key", knownHostsName("10.0.0.1"), K2, "changed"],
    ["port form", knownHostsName("10.0.0.2", 2222), K2, "ok"],
    ["port form does not cover port 22", knownHostsName("10.0.0.2"), K2, "unknown"],
    ["hashed match", knownHostsName("10.0.0.3"), K1, "changed"],
    ["unknown host", knownHostsName("10.0.0.4"), K1, "unknown"],
    ["wildcard", knownHostsName("a.wild.example"), K1, "ok"],
    ["negated wildcard", knownHostsName("bad.wild.example"), K1, "unknown"],
    ["revoked key", knownHostsName("10.0.0.3"), K3, "revoked"],
  ];
  for (const [name, host, key, status] of cases) {
    it(name, () => assert.equal(checkHostKey(entries, host, key).status, status));
  }

  it("reports the expected fingerprints of a changed key", () => {
    const check = checkHostKey(entries, "10.0.0.1", K2);
    assert.deepEqual(check, { status: "changed", expected: [fingerprint(K1)] });
  });

  it("names the pinned key types", () => {
    assert.deepEqual(pinnedKeyTypes(entries, "10.0.0.1"), ["ssh-ed25519"]);
    assert.deepEqual(pinnedKeyTypes(entries, "10.0.0.4"), []);
  });

  it("writes lines it can read back", () => {
    const back = parseKnownHosts(`${knownHostsLine(knownHostsName("10.0.0.5", 2200), K2)}\n`);
    assert.equal(checkHostKey(back, "[10.0.0.5]:2200", K2).status, "ok");
  });
});

describe("agreement with OpenSSH's ssh-keygen", {
  skip: spawnSync("ssh-keygen", ["-?"]).error ? "ssh-keygen not installed" : false,
}, () => {
  let dir = "";
  let key = Buffer.alloc(0);
  let pub = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "hx-kh-"));
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "k")]);
    pub = readFileSync(join(dir, "k.pub"), "utf8").trim();
    key = Buffer.from(pub.split(" ")[1] as string, "base64");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("fingerprint matches ssh-keygen -l", () => {
    const out = execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", join(dir, "k.pub")], {
      encoding: "utf8",
    });
    assert.equal(out.split(" ")[1], fingerprint(key));
  });

  it("entries hashed by ssh-keygen -H are found, plain and port form", () => {
    const file = join(dir, "known_hosts");
    const [type, b64] = pub.split(" ");
    writeFileSync(file, `10.1.2.3 ${type} ${b64}\n[10.1.2.4]:2222 ${type} ${b64}\n`);
    execFileSync("ssh-keygen", ["-q", "-H", "-f", file], { stdio: "ignore" });
    const text = readFileSync(file, "utf8");
    assert.ok(text.startsWith("|1|"));
    const entries = parseKnownHosts(text);
    assert.equal(checkHostKey(entries, knownHostsName("10.1.2.3"), key).status, "ok");
    assert.equal(checkHostKey(entries, knownHostsName("10.1.2.4", 2222), key).status, "ok");
    assert.equal(checkHostKey(entries, knownHostsName("10.1.2.4"), key).status, "unknown");
  });
});
