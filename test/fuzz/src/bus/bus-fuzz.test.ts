import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { AgentStart, AgentStop, type NodeSpec, TopologyGet } from "@zeekbus/contracts";
import { inputRng } from "../rng.js";
import { DEFAULT_SEED } from "../seed.js";
import { ABSENT_HOST, harmlessFor } from "./bases.js";
import { startLocalStack } from "./local-stack.js";
import { hostilePayload } from "./payload.js";
import { runBusFuzz } from "./run.js";
import type { FuzzStack } from "./stack.js";

const MAX = 1024 * 1024;

describe("bus fuzz: hostile payloads", () => {
  const stop = { nodes: ["fuzz-absent-node"], timeoutMs: 5000 };

  it("are rebuilt from (seed, endpoint, index) alone and fit in one NATS message", () => {
    for (let i = 0; i < 300; i++) {
      const a = hostilePayload(AgentStop, "c", stop, inputRng(DEFAULT_SEED, "stop", i), MAX, `id-${i}`);
      const b = hostilePayload(AgentStop, "c", stop, inputRng(DEFAULT_SEED, "stop", i), MAX, `id-${i}`);
      assert.deepEqual(JSON.parse(JSON.stringify(a)).mutations, b.mutations);
      assert.ok(Buffer.byteLength(a.body) <= MAX, `payload ${i}: ${a.body.length} bytes`);
    }
  });

  it("that the contract accepts are never a request that acts (stop of every node, start of a new one)", () => {
    const spec: NodeSpec = {
      name: "w",
      type: "worker",
      host: "h",
      zeek: "/z",
      argv: ["-i", "eth0"],
      env: {},
      cwd: "/s",
      pinCpus: [],
    };
    const ctx = {
      specs: [spec],
      source: { format: "zeekctl" as const, files: {} },
      site: {},
      factsHost: ABSENT_HOST,
    };
    const cases = [
      {
        def: AgentStop,
        data: stop,
        acts: (d: { nodes: string[] }) => d.nodes.length === 0 || d.nodes.includes("w"),
      },
      {
        def: AgentStart,
        data: { specs: [spec] },
        acts: (d: { specs: { name: string }[] }) => d.specs.some((x) => x.name !== "w"),
      },
    ];
    for (const c of cases) {
      const harmless = harmlessFor({ label: "x", subject: "x", def: c.def, host: "h" }, ctx);
      let valid = 0;
      for (let i = 0; i < 400; i++) {
        const p = hostilePayload(
          c.def,
          "c",
          c.data,
          inputRng(DEFAULT_SEED, c.def.type, i),
          MAX,
          "x",
          harmless,
        );
        if (!p.contractValid || p.withheld) continue;
        valid += 1;
        assert.equal(c.acts(JSON.parse(p.body).data), false, p.body.slice(0, 300));
      }
      assert.ok(valid > 0, `${c.def.type}: some payloads stay valid (values within bounds)`);
    }
  });

  it("say when the contract itself accepts them", () => {
    const verdicts = Array.from({ length: 200 }, (_, i) =>
      hostilePayload(TopologyGet, "c", {}, inputRng(DEFAULT_SEED, "get", i), MAX, "x"),
    );
    assert.ok(verdicts.every((p) => p.mutations.length > 0));
    assert.ok(verdicts.some((p) => !p.contractValid));
    const spec = {
      specs: [{ name: "w", type: "worker", host: "h", zeek: "/z", argv: [], env: {}, cwd: "/s" }],
    };
    const kinds = new Set(
      Array.from({ length: 300 }, (_, i) =>
        hostilePayload(AgentStart, "c", spec, inputRng(1, "s", i), MAX, "x"),
      ).flatMap((p) => p.mutations.map((m) => m.split(/[@:]/)[0])),
    );
    for (const k of [
      "wrong-type",
      "huge-number",
      "huge-string",
      "deep-nesting",
      "wrong-envelope",
      "invalid-json",
    ])
      assert.ok(kinds.has(k), `${k} in ${[...kinds]}`);
  });
});

const skip = process.getuid?.() !== 0 ? "needs root (af_packet workers on lo, private mounts)" : false;

describe("bus fuzz: fixed-seed slice of npm run fuzz on this machine", { skip }, () => {
  let stack: FuzzStack;
  before(async () => {
    stack = await startLocalStack("fuzz", mkdtempSync(join(tmpdir(), "zeekbus-fuzz-logs-")));
  });
  after(async () => {
    await stack?.teardown();
  });

  it("every contract endpoint: 0 service crashes, 0 zeek lost, every refused payload answered with a code", async () => {
    const r = await runBusFuzz(stack, {
      seed: DEFAULT_SEED,
      perEndpoint: 15,
      seconds: 40,
      replyTimeoutMs: 10_000,
    });
    const failing = r.findings.filter((f) => !f.kind.startsWith("accepted"));
    const shown = failing.map((f) => `[${f.kind}] ${f.count} × ${f.example.detail.slice(0, 300)}`).join("\n");
    assert.deepEqual(
      {
        crashes: r.serviceCrashes,
        lost: r.zeekLost,
        withoutCode: r.repliesWithoutCode,
        noReplies: r.noReplies,
      },
      { crashes: 0, lost: 0, withoutCode: 0, noReplies: 0 },
      shown,
    );
    assert.ok(r.endpoints.length >= 15 && r.endpoints.every((e) => e.sent > 0), JSON.stringify(r.endpoints));
  });
});
