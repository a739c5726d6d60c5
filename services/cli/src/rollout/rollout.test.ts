import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { DeployReply } from "@zeekbus/contracts";
import { natsFixture } from "@zeekbus/test-harness";
import { type LocalZeekbus, startLocalZeekbus } from "./testing.js";

const skip = process.getuid?.() !== 0 ? "needs root (af_packet workers on lo)" : false;

function siteDir(localZeek: string): string {
  const dir = mkdtempSync(join(tmpdir(), "zeekbus-site-"));
  writeFileSync(join(dir, "local.zeek"), localZeek);
  return dir;
}

describe("zeekbus deploy / install / check on this machine", { skip }, () => {
  const nats = natsFixture();
  let etc: string;
  let cli: LocalZeekbus["cli"];

  before(async () => {
    ({ etc, cli } = await startLocalZeekbus(nats));
  });

  it("--dry-run prints the plan and starts nothing", async () => {
    const r = await cli("deploy", "--dry-run", etc);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Planned against revision 0\.\nstart:\n {2}logger on localhost: added to the config\n/,
    );
    assert.equal((await cli("status")).code, 1, "nothing is deployed yet");
  });

  it("check with a broken site script: zeekctl's lines, exit 1, nothing installed or started", async () => {
    const r = await cli("check", "--site", siteDir("event zeek_init()\n\t{\n"), etc);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^installing Zeek .*\nchecking configurations \.\.\.\n/m);
    for (const node of ["logger", "manager", "proxy-1", "worker-1-1", "worker-1-2"]) {
      assert.match(
        r.stdout,
        new RegExp(`^${node} scripts failed\\.\nerror in .*local\\.zeek, line 2: syntax error`, "m"),
      );
    }
    assert.match(r.stdout, /^Error: check failed for logger, manager, proxy-1, worker-1-1, worker-1-2$/m);
    assert.doesNotMatch(r.stdout, /^(starting (logger|manager|proxy|workers)|installing \.\.\.)/m);
  });

  it("deploy from zero: check, install, tiers in order, a hosts × steps table, every node running", async () => {
    const r = await cli("deploy", etc);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const order = [
      "checking configurations ...",
      "installing ...",
      "starting logger ...",
      "starting manager ...",
      "starting proxy ...",
      "starting workers ...",
    ];
    const at = order.map((line) => r.stdout.indexOf(`${line}\n`));
    assert.ok(
      at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1]!)),
      r.stdout,
    );
    assert.match(r.stdout, /^host +zeek +check +install +agent +nodes$/m);
    assert.match(r.stdout, /^localhost +skipped +ok +installed +already_running +5 ok$/m);
    assert.match(r.stdout, /Deployed revision 1\.\n$/);
    const st = await cli("status");
    assert.equal(st.code, 0, st.stdout);
  });

  it("deploy again without changes: --json says unchanged, nothing restarted", async () => {
    const r = await cli("--json", "deploy", etc);
    assert.equal(r.code, 0, r.stderr);
    const reply = DeployReply.parse(JSON.parse(r.stdout));
    assert.equal(reply.outcome, "unchanged");
    assert.deepEqual(reply.nodes, []);
    assert.deepEqual(
      reply.install.map((i) => i.outcome),
      ["unchanged"],
    );
  });

  it("install writes the new site script and restarts nothing", async () => {
    const r = await cli("install", "--site", siteDir("@load misc/stats\n# v2\n"), etc);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /^localhost: installed policies in /m);
    assert.doesNotMatch(r.stdout, /^(starting|restarting|stopping) (logger|manager|proxy|workers)/m);
    assert.equal((await cli("status")).code, 0);
  });

  it("a deploy that changes the site scripts restarts every node so they load them", async () => {
    const r = await cli("--json", "deploy", etc);
    assert.equal(r.code, 0, r.stderr);
    const reply = DeployReply.parse(JSON.parse(r.stdout));
    assert.equal(reply.outcome, "deployed");
    assert.deepEqual(
      reply.nodes.map((n) => `${n.node}:${n.outcome}`),
      ["logger", "manager", "proxy-1", "worker-1-1", "worker-1-2"].map((n) => `${n}:restarted`),
    );
    assert.equal((await cli("status")).code, 0);
  });
});

describe("zeekbus deploy onto a host with another Zeek version", { skip }, () => {
  const nats = natsFixture();

  it("renders for the version found on the host and keeps it in the revision", async () => {
    const zb = await startLocalZeekbus(nats, "8.0.2");
    const r = await zb.cli("deploy", zb.etc);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /^rendered for the Zeek found on the hosts \(localhost: Zeek 8\.0\.2\)$/m);
    const nodes = await zb.cli("--json", "nodes");
    const specs = (JSON.parse(nodes.stdout) as { nodes: { zeekVersion?: string }[] }).nodes;
    assert.deepEqual([...new Set(specs.map((s) => s.zeekVersion))], ["8.0.2"]);
    const again = DeployReply.parse(JSON.parse((await zb.cli("--json", "deploy", zb.etc)).stdout));
    assert.equal(again.outcome, "unchanged");
  });
});
