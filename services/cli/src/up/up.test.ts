import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { eventually, uniqueCluster } from "@zeekbus/test-harness";

const cli = fileURLToPath(new URL("../main.js", import.meta.url));

function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]?.split(" ")[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[0];
    return state !== "Z";
  } catch {
    return false;
  }
}

describe("zeekbus up", () => {
  it("starts nats and the services, lists them, and exits 0 on SIGTERM leaving no child", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "zeekbus-up-"));
    const cluster = uniqueCluster("up");
    const up = spawn(
      process.execPath,
      [cli, "up", "--nats-port", "0", "--state-dir", stateDir, "--cluster", cluster],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    up.stdout.on("data", (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((resolve) => up.once("exit", (code) => resolve(code)));
    try {
      const url = await eventually(() => /zeekbus up: nats (\S+),/.exec(out)?.[1], {
        timeoutMs: 20_000,
        what: "up banner",
      });
      const listed = await eventually(
        () => {
          const r = spawnSync(process.execPath, [cli, "services", "--nats", url, "--json"], {
            encoding: "utf8",
          });
          const names = (JSON.parse(r.stdout || "[]") as { name: string }[]).map((s) => s.name);
          return names.length >= 3 ? names : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 200, what: "services listed by zeekbus services" },
      );
      assert.deepEqual([...listed].sort(), ["process-supervisor", "provisioner", "topology"]);
      const kids = childrenOf(up.pid!);
      assert.ok(kids.length >= 4, `nats-server and the three services are children (${kids.length})`);
      up.kill("SIGTERM");
      assert.equal(await exited, 0);
      await eventually(() => kids.every((k) => !alive(k)), { what: "children gone" });
      assert.match(out, /zeekbus up: stopped/);
    } finally {
      if (up.exitCode === null) up.kill("SIGKILL");
    }
  });
});
