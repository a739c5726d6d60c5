import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { replay } from "../capture/replay.js";
import { labDown } from "../down.js";
import { hostCommand } from "../host/command.js";
import { isAlive, strayLabPids } from "../host/procs.js";
import { hasGuardRoute } from "../net/guard.js";
import { listLabNetns, listLabRootLinks } from "../net/netns.js";
import { writeSyntheticPcap } from "../pcap/writer.js";
import { readLab } from "../state.js";
import type { LabInfo } from "../types.js";
import { labUp } from "../up.js";
import { acquireLabLock, isRoot, runSync, sshArgv } from "./helpers.js";

describe("lab up/down with 3 hosts", { skip: !isRoot() && "needs root" }, () => {
  let release: () => void = () => undefined;
  let dir: string;
  let lab: LabInfo;

  before(async () => {
    release = await acquireLabLock();
    dir = mkdtempSync(join(tmpdir(), "zb-lab-test-"));
    await labDown(dir);
    const t0 = Date.now();
    lab = await labUp({ hosts: 3, dir });
    console.log(`lab up (3 hosts): ${Date.now() - t0} ms`);
  });
  after(async () => {
    await labDown(dir);
    rmSync(dir, { recursive: true, force: true });
    release();
  });

  it("writes lab.json describing each host", () => {
    assert.deepEqual(readLab(dir), lab);
    assert.deepEqual(
      lab.hosts.map((h) => [h.name, h.netns, h.ip, h.prefix, h.capture[0]?.iface]),
      [1, 2, 3].map((i) => [`h${i}`, `zb-h${i}`, `10.99.0.${i}`, "/opt/zeek", "mon0"]),
    );
  });

  it("keeps the guard route while up", async () => {
    assert.equal(await hasGuardRoute(), true);
  });

  it("answers ssh with the lab key and pinned host keys, each with its own hostname", () => {
    const names = lab.hosts.map((h) => {
      const r = runSync(sshArgv(lab, h.name, "hostname"));
      assert.equal(r.code, 0, `ssh to ${h.name}: ${r.stderr}`);
      return r.stdout.trim();
    });
    assert.deepEqual(names, ["h1", "h2", "h3"]);
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) assert.equal(runSync(sshArgv(lab, "h1", "true")).code, 0);
    console.log(`ssh exec latency (OpenSSH client, new connection): ${(Date.now() - t0) / 5} ms`);
  });

  it("keeps /opt/zeek private per host", () => {
    assert.equal(runSync(sshArgv(lab, "h1", "echo h1 > /opt/zeek/probe")).code, 0);
    assert.equal(runSync(sshArgv(lab, "h1", "cat /opt/zeek/probe")).stdout, "h1\n");
    assert.equal(runSync(sshArgv(lab, "h2", "test -e /opt/zeek/probe")).code, 1);
    assert.equal(existsSync("/opt/zeek/probe"), false);
    assert.equal(readFileSync(join(lab.hosts[0]?.privateDir ?? "", "probe"), "utf8"), "h1\n");
    assert.doesNotMatch(readFileSync("/proc/self/mountinfo", "utf8"), / \/opt\/zeek /);
  });

  it("runs commands on a host through hostCommand", () => {
    const r = runSync(
      hostCommand(lab, "h3", ["sh", "-c", "hostname; pwd; ip -br addr show eth0"], { cwd: "/opt/zeek" }),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^h3\n\/opt\/zeek\neth0\S*\s+UP\s+10\.99\.0\.3\/24/);
  });

  it("replays a pcap into one host's capture interface only", async () => {
    const pcap = join(dir, "small.pcap");
    const { packets } = writeSyntheticPcap({ out: pcap, flows: 50, packets: 10, fragments: 5, seed: 3 });
    const rx = (host: string) =>
      Number(runSync(hostCommand(lab, host, ["cat", "/sys/class/net/mon0/statistics/rx_packets"])).stdout);
    const [h1, h2] = [rx("h1"), rx("h2")];
    const r = await replay(lab, { host: "h1", trace: pcap, pps: 20000, loop: 2 });
    assert.deepEqual([r.packets, r.failed], [2 * packets, 0]);
    assert.equal(rx("h1") - h1, 2 * packets);
    assert.equal(rx("h2") - h2, 0);
  });

  it("is idempotent: a second up returns the running lab", async () => {
    const t0 = Date.now();
    const again = await labUp({ hosts: 3, dir });
    assert.deepEqual(
      again.hosts.map((h) => h.nsPid),
      lab.hosts.map((h) => h.nsPid),
    );
    assert.ok(Date.now() - t0 < 1000);
  });

  it("down removes namespaces, links, route and processes; twice is fine", async () => {
    const viaSsh = runSync(sshArgv(lab, "h2", "sleep 1000 >/dev/null 2>&1 </dev/null & echo $!"));
    const [cmd, ...args] = hostCommand(lab, "h3", ["sleep", "1000"]);
    const viaNsenter = spawn(cmd as string, args, { detached: true, stdio: "ignore" });
    viaNsenter.unref();
    const pids = [
      ...lab.hosts.flatMap((h) => [h.nsPid, h.sshdPid]),
      Number(viaSsh.stdout),
      viaNsenter.pid ?? -1,
    ];
    assert.ok(pids.every(isAlive), "processes started on the hosts are running");
    const t0 = Date.now();
    await labDown(dir);
    console.log(`lab down (3 hosts): ${Date.now() - t0} ms`);
    await labDown(dir);
    assert.deepEqual(await listLabNetns(), []);
    assert.deepEqual(await listLabRootLinks(), []);
    assert.equal(await hasGuardRoute(), false);
    assert.deepEqual(pids.filter(isAlive), []);
    assert.deepEqual(strayLabPids().filter(isAlive), []);
    assert.equal(existsSync(join(dir, "lab.json")), false);
  });

  it("comes back up after down, with a changed shape", async () => {
    const next = await labUp({ hosts: 2, dir, captureIfaces: 2, captureQueues: 4 });
    assert.deepEqual(
      next.hosts.map((h) => h.capture.map((c) => `${c.iface}/${c.generatorIface}/${c.queues}`)),
      [
        ["mon0/g-h1-0/4", "mon1/g-h1-1/4"],
        ["mon0/g-h2-0/4", "mon1/g-h2-1/4"],
      ],
    );
    assert.equal(runSync(sshArgv(next, "h2", "hostname")).stdout, "h2\n");
    const shrunk = await labUp({ hosts: 1, dir });
    assert.deepEqual(await listLabNetns().then((l) => l.sort()), ["zb-gen", "zb-h1", "zb-sw"]);
    assert.equal(shrunk.hosts.length, 1);
  });
});
