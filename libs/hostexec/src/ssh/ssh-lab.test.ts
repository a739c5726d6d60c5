import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { InternalError, NotFoundError, TimeoutError, UnreachableError } from "@zeekbus/contracts";
import type { LabHost } from "@zeekbus/lab";
import { LocalExec } from "../local/local-exec.js";
import { HOSTILE_VALUES } from "../test-values.js";
import { type LabFixture, labSkipReason, newKey, startLab, targetOf } from "./lab-fixture.js";
import { SshPool } from "./pool.js";

const local = new LocalExec();

describe("SshExec on a 3-host lab", { skip: labSkipReason() }, () => {
  let fx: LabFixture;
  let pool: SshPool;
  let hosts: LabHost[];
  const at = (i: number) => pool.host(targetOf(hosts[i] as LabHost));

  before(async () => {
    fx = await startLab(3);
    hosts = fx.lab.hosts;
    pool = new SshPool({ knownHostsPath: fx.lab.knownHostsPath });
  });
  after(async () => {
    await pool?.close();
    await fx?.down();
  });

  it("runs on 3 hosts in parallel with exit codes and streamed output", async (t) => {
    const fresh = new SshPool({ knownHostsPath: fx.lab.knownHostsPath });
    const c0 = Date.now();
    await fresh.host(targetOf(hosts[0] as LabHost)).run(["true"]);
    t.diagnostic(`connect + auth + first exec on one host: ${Date.now() - c0} ms`);
    await fresh.close();
    const t0 = Date.now();
    const streamed = ["", "", ""];
    const results = await Promise.all(
      [0, 1, 2].map((i) =>
        at(i).run(["sh", "-c", 'hostname; echo err >&2; exit "$1"', "sh", String(i + 3)], {
          onStdout: (c) => {
            streamed[i] += c.toString();
          },
        }),
      ),
    );
    t.diagnostic(`connect + first exec on 3 hosts in parallel: ${Date.now() - t0} ms`);
    assert.deepEqual(
      results.map((r) => [r.code, r.signal, r.stdout, r.stderr]),
      [0, 1, 2].map((i) => [i + 3, null, `h${i + 1}\n`, "err\n"]),
    );
    assert.deepEqual(streamed, ["h1\n", "h2\n", "h3\n"]);
    const t1 = Date.now();
    for (let i = 0; i < 20; i++) assert.equal((await at(0).run(["true"])).code, 0);
    t.diagnostic(`exec latency on a pooled connection: ${((Date.now() - t1) / 20).toFixed(1)} ms`);
  });

  it("streams output while the command runs", async () => {
    const times: number[] = [];
    await at(1).run(["sh", "-c", "echo a; sleep 0.4; echo b"], { onStdout: () => times.push(Date.now()) });
    assert.ok(times.length >= 2 && (times.at(-1) as number) - (times[0] as number) >= 300);
  });

  it("reports a signal, feeds stdin, applies env and cwd", async () => {
    const killed = await at(0).run(["sh", "-c", "kill -TERM $$"]);
    assert.deepEqual([killed.code, killed.signal], [null, "SIGTERM"]);
    assert.equal((await at(0).run(["cat"], { stdin: "in\n" })).stdout, "in\n");
    const r = await at(0).run(["sh", "-c", 'printf "%s|" "$A" "$HOME"; pwd'], {
      env: { A: "x y" },
      cwd: "/opt/zeek",
    });
    assert.equal(r.stdout, "x y||/opt/zeek\n");
  });

  it("delivers shell metacharacters verbatim in argv and env, running none", async () => {
    const env = Object.fromEntries(HOSTILE_VALUES.map((v, i) => [`V${i}`, v]));
    const r = await at(0).run(["printf", "%s\\0", ...HOSTILE_VALUES], { env, cwd: "/opt/zeek" });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split("\0").slice(0, -1), [...HOSTILE_VALUES]);
    const e = await at(0).run(["env", "-0"], { env });
    const got = e.stdout.split("\0").filter(Boolean);
    assert.deepEqual(
      got.slice(1),
      Object.entries(env).map(([k, v]) => `${k}=${v}`),
    );
    assert.equal((await at(0).run(["test", "-e", "/tmp/hx-pwned"])).code, 1);
    assert.equal(existsSync("/tmp/hx-pwned"), false);
  });

  it("writes, reads and swaps files on one host only", async () => {
    const [h1, h2] = hosts as [LabHost, LabHost];
    await at(0).writeFile("/opt/zeek/hello.txt", "hi there", { mode: 0o600 });
    assert.equal((await at(0).readFile("/opt/zeek/hello.txt")).toString(), "hi there");
    assert.equal(readFileSync(join(h1.privateDir, "hello.txt"), "utf8"), "hi there");
    assert.equal(statSync(join(h1.privateDir, "hello.txt")).mode & 0o777, 0o600);
    assert.equal(existsSync(join(h2.privateDir, "hello.txt")), false);
    const site = "/opt/zeek/spool/installed-scripts-do-not-touch/site";
    await at(0).run(["mkdir", "-p", "/opt/zeek/spool/installed-scripts-do-not-touch"]);
    await at(0).swapDir(
      site,
      { "local.zeek": "@load a\n", "sub/x.zeek": "x" },
      { modes: { "local.zeek": 0o640 } },
    );
    await at(0).swapDir(site, { "local.zeek": "@load b\n", "new.zeek": "n" });
    const mirrored = join(h1.privateDir, "spool/installed-scripts-do-not-touch/site");
    assert.equal(readFileSync(join(mirrored, "local.zeek"), "utf8"), "@load b\n");
    assert.equal(existsSync(join(mirrored, "sub")), false);
    const ls = await at(0).run(["ls", "-A", "/opt/zeek/spool/installed-scripts-do-not-touch"]);
    assert.equal(ls.stdout.trim().split("\n").length, 2, ls.stdout);
    assert.equal(existsSync(join(h2.privateDir, "spool")), false);
    await assert.rejects(at(0).readFile("/opt/zeek/missing"), NotFoundError);
    await assert.rejects(at(0).writeFile("/opt/zeek/no/such/dir/f", "x"), NotFoundError);
  });

  it("a local reader of a host's directory never sees a partial remote swap", async () => {
    const h1 = hosts[0] as LabHost;
    const names = Array.from({ length: 12 }, (_, i) => `d/f${i}`);
    const gen = (n: number) => Object.fromEntries(names.map((f) => [f, `gen ${n} `.padEnd(8192, "x")]));
    await at(0).swapDir("/opt/zeek/live", gen(0));
    const seen = join(h1.privateDir, "live");
    let stop = false;
    let complete = 0;
    const problems: string[] = [];
    const reader = (async () => {
      while (!stop) {
        await new Promise((r) => setImmediate(r));
        try {
          const files = readdirSync(join(seen, "d")).sort();
          if (files.length !== names.length) problems.push(`listing: ${files.join()}`);
          for (const f of files)
            if (readFileSync(join(seen, "d", f), "utf8").length !== 8192) problems.push(`partial ${f}`);
          complete++;
        } catch (err) {
          problems.push(String(err));
        }
      }
    })();
    for (let n = 1; n <= 10; n++) await at(0).swapDir("/opt/zeek/live", gen(n));
    stop = true;
    await reader;
    assert.deepEqual(problems, []);
    assert.ok(complete > 10, `reader completed ${complete} reads`);
  });

  it("runs 30 concurrent commands on one host through bounded channels", async (t) => {
    const bounded = new SshPool({ knownHostsPath: fx.lab.knownHostsPath, maxConnectionsPerHost: 2 });
    try {
      const h = bounded.host(targetOf(hosts[2] as LabHost));
      const t0 = Date.now();
      const rs = await Promise.all(
        Array.from({ length: 30 }, (_, i) => h.run(["sh", "-c", "sleep 0.2; echo $1", "sh", String(i)])),
      );
      t.diagnostic(
        `30 concurrent commands (sleep 0.2) on one host, 2 connections x 8 channels: ${Date.now() - t0} ms`,
      );
      assert.deepEqual(
        rs.map((r) => [r.code, r.stdout]),
        rs.map((_, i) => [0, `${i}\n`]),
      );
      assert.equal(bounded.connections(targetOf(hosts[2] as LabHost)), 2);
      const t1 = Date.now();
      await Promise.all(
        Array.from({ length: 30 }, () => pool.host(targetOf(hosts[2] as LabHost)).run(["true"])),
      );
      t.diagnostic(`30 concurrent 'true' on one host, default pool: ${Date.now() - t1} ms`);
      assert.ok(pool.connections(targetOf(hosts[2] as LabHost)) <= 4);
    } finally {
      await bounded.close();
    }
  });

  it("more channels than sshd's MaxSessions (64 in the lab): refused opens shrink the connection and retry", async () => {
    const greedy = new SshPool({
      knownHostsPath: fx.lab.knownHostsPath,
      maxChannelsPerConnection: 100,
      maxConnectionsPerHost: 1,
    });
    try {
      const h = greedy.host(targetOf(hosts[1] as LabHost));
      const rs = await Promise.all(Array.from({ length: 80 }, () => h.run(["sleep", "0.3"])));
      assert.ok(rs.every((r) => r.code === 0));
    } finally {
      await greedy.close();
    }
  });

  it("an abort ends the remote command", async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    await assert.rejects(at(1).run(["sleep", "986.5"], { signal: ac.signal }), InternalError);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await local.run(["pgrep", "-f", "sleep 986.5"])).stdout, "");
  });

  it("a command timeout rejects with TimeoutError and kills the remote process", async () => {
    const t0 = Date.now();
    const argv = ["sh", "-c", "sleep 985.5 & exec sleep 987.5"];
    await assert.rejects(at(1).run(argv, { timeoutMs: 500 }), (err: Error) => {
      assert.ok(err instanceof TimeoutError);
      assert.match(err.message, /Command timeout on host 10\.99\.0\.2 after 500 ms: sh -c /);
      return true;
    });
    assert.ok(Date.now() - t0 < 1500);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await local.run(["pgrep", "-f", "sleep 98[57].5"])).stdout, "");
  });

  it("a dropped connection fails the command in flight with UnreachableError; the next one reconnects", async () => {
    const h = at(2);
    const pidSeen = new Promise<number>((resolve, reject) => {
      h.run(["sh", "-c", "echo $PPID; sleep 30"], {
        onStdout: (c) => resolve(Number(c.toString().trim())),
      }).then(
        () => reject(new Error("finished")),
        (err: Error) => dropped.push(err),
      );
    });
    const dropped: Error[] = [];
    const sessionPid = await pidSeen;
    process.kill(sessionPid, "SIGKILL");
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(dropped.length, 1);
    assert.ok(dropped[0] instanceof UnreachableError, String(dropped[0]));
    assert.match(dropped[0].message, /Lost ssh connection to host 10\.99\.0\.3/);
    assert.equal((await h.run(["hostname"])).stdout, "h3\n");
  });

  it("a host that is down is unreachable, named, within the connect timeout", async (t) => {
    const cases: Array<[string, number]> = [
      ["10.99.0.200", 5500],
      ["10.99.1.200", 1000],
    ];
    await Promise.all(
      cases.map(async ([ip, bound]) => {
        const t0 = Date.now();
        const down = pool.host({ ...targetOf(hosts[0] as LabHost), host: ip });
        await assert.rejects(down.run(["true"]), (err: Error) => {
          assert.ok(err instanceof UnreachableError);
          assert.ok(
            err.message.startsWith(`Failed to establish ssh connection to host ${ip}: `),
            err.message,
          );
          t.diagnostic(`${err.message} (${Date.now() - t0} ms)`);
          return true;
        });
        assert.ok(Date.now() - t0 < bound);
      }),
    );
  });

  it("a wrong key fails authentication with an error naming user and key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hx-key-"));
    try {
      const key = newKey(dir, "wrong");
      const h = pool.host({ ...targetOf(hosts[0] as LabHost), keyPath: key.path });
      await assert.rejects(h.run(["true"]), (err: Error) => {
        assert.ok(err instanceof UnreachableError);
        assert.match(err.message, /host 10\.99\.0\.1: authentication failed for user root with key .*wrong$/);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves no temporary files behind on the host", () => {
    const h1 = hosts[0] as LabHost;
    const names = readdirSync(h1.privateDir, { recursive: true }).map(String);
    assert.deepEqual(
      names.filter((n) => n.endsWith(".tmp") || n.includes(".link-")),
      [],
    );
  });
});
