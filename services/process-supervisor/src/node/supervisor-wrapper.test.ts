import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { LocalStore } from "../state/local-store.js";
import { nodeProcesses } from "../testing/procs.js";
import { standaloneNode, wrapperZeek } from "../testing/wrappers.js";
import { HostSupervisor } from "./supervisor.js";

function supervisor(stateDir: string): HostSupervisor {
  return new HostSupervisor({
    host: "localhost",
    policy: { stopTimeoutMs: 2000, backoffInitialMs: 100 },
    readyTimeoutMs: 10_000,
    rejoinTimeoutMs: 1000,
    store: new LocalStore(stateDir),
    sinks: { event: () => {}, persist: () => {}, transition: () => {}, warn: () => {} },
  });
}

describe("host supervisor with a wrapper-script zeek", () => {
  const running: HostSupervisor[] = [];
  after(async () => {
    for (const sup of running) await sup.stop([]).catch(() => undefined);
  });

  it("adopts a wrapper's node after its restart (also from an older record) and stops its whole group", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "zeekbus-supstate-"));
    const spec = standaloneNode(wrapperZeek("fork"));
    const first = supervisor(stateDir);
    const [started] = await first.start([spec]);
    assert.equal(started?.outcome, "started");
    first.detach();
    const file = join(stateDir, "nodes", `${spec.name}.json`);
    const record = JSON.parse(readFileSync(file, "utf8"));
    assert.deepEqual(record.process.args, spec.argv);
    delete record.process.args;
    writeFileSync(file, JSON.stringify(record), "utf8");
    const second = supervisor(stateDir);
    running.push(second);
    assert.deepEqual(second.adoptRecorded().adopted, [spec.name]);
    assert.equal(second.status([spec.name])[0]?.pid, started?.pid);
    const [stopped] = await second.stop([spec.name]);
    assert.equal(stopped?.outcome, "stopped");
    assert.deepEqual(nodeProcesses(spec.cwd), [], "zeek and what the script forked are gone too");
  });

  it("answers start_failed when a bookkeeping file cannot be written, leaving no process behind", async () => {
    const sup = supervisor(mkdtempSync(join(tmpdir(), "zeekbus-supstate-")));
    running.push(sup);
    const other = standaloneNode(wrapperZeek("exec"), { name: "other" });
    const spec = standaloneNode(wrapperZeek("exec"));
    const [otherStarted] = await sup.start([other]);
    mkdirSync(join(spec.cwd, ".cmdline"), { recursive: true });
    const [failed] = await sup.start([spec]);
    assert.equal(failed?.outcome, "start_failed");
    assert.match(failed?.error ?? "", /cannot write the bookkeeping files/);
    assert.deepEqual(nodeProcesses(spec.cwd), []);
    assert.equal(sup.status(["other"])[0]?.pid, otherStarted?.pid, "other nodes untouched");
    rmSync(join(spec.cwd, ".cmdline"), { recursive: true });
    const [again] = await sup.start([spec]);
    assert.equal(again?.outcome, "started");
    assert.equal(nodeProcesses(spec.cwd).length, 1, "one zeek, no duplicate");
  });
});
