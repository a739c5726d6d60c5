import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Bus, connectBus, request } from "@zeekbus/bus";
import { processOptionContext } from "@zeekbus/config";
import {
  ApplyReply,
  DesiredState,
  Plan,
  type RenderContext,
  RenderReply,
  TopologyApply,
  TopologyGet,
  TopologyPlan,
  TopologyRender,
} from "@zeekbus/contracts";
import { natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { startTopologyService } from "../service.js";
import { fakeLookup, serviceFixture, zeekctlSource } from "../testing/fixtures.js";

const mailLines = (files: { path: string; content: string }[]) =>
  (files.find((f) => f.path === "zeekctl-config.zeek")?.content ?? "")
    .split("\n")
    .filter((l) => /^redef Notice::mail_(dest|from)/.test(l));

describe("topology rendering context (zeekctl config.py: MailTo = $USER, MailFrom = Zeek <zeek@HOSTNAME>)", () => {
  const nats = natsFixture();
  const cluster = uniqueCluster("ctx");

  /** Runs `fn` against a topology service of `cluster` rendering as `ctx`, then stops it. */
  async function asService<T>(ctx: RenderContext, fn: (bus: Bus) => Promise<T>): Promise<T> {
    const bus = await connectBus({ servers: nats.url, name: "topology-ctx-test" });
    const service = await startTopologyService(bus, { cluster, lookup: fakeLookup, renderContext: ctx });
    try {
      return await fn(bus);
    } finally {
      await service.stop();
      await bus.close();
    }
  }
  const subject = (bus: Bus, verb: string) => bus.subjects.api(cluster, "topology", verb);
  const render = (bus: Bus) => request(bus, subject(bus, "render"), TopologyRender, cluster, {}, RenderReply);

  it("a revision renders with its service's $USER and host name, and keeps them for every later render", async () => {
    const ops = { user: "ops", hostname: "collector-7" };
    await asService(ops, async (bus) => {
      const applied = await request(
        bus,
        subject(bus, "apply"),
        TopologyApply,
        cluster,
        { source: zeekctlSource(), baseRevision: 0 },
        ApplyReply,
      );
      const state = await request(bus, subject(bus, "get"), TopologyGet, cluster, {}, DesiredState);
      assert.equal(state.revision, applied.revision);
      assert.deepEqual(state.renderContext, ops);
      assert.deepEqual(mailLines((await render(bus)).files), [
        'redef Notice::mail_dest = "ops";',
        'redef Notice::mail_dest_pretty_printed = "ops";',
        'redef Notice::mail_from = "Zeek <zeek@collector-7>";',
      ]);
    });
    await asService({ user: "zeek", hostname: "elsewhere" }, async (bus) => {
      assert.deepEqual(mailLines((await render(bus)).files), [
        'redef Notice::mail_dest = "ops";',
        'redef Notice::mail_dest_pretty_printed = "ops";',
        'redef Notice::mail_from = "Zeek <zeek@collector-7>";',
      ]);
      const plan = await request(bus, subject(bus, "plan"), TopologyPlan, cluster, zeekctlSource(), Plan);
      assert.deepEqual(plan.files, ["sensor-m:zeekctl-config.zeek", "sensor-a:zeekctl-config.zeek"]);
    });
  });
});

describe("topology rendering context by default", () => {
  const svc = serviceFixture();

  it("is the service process's own $USER and host name", async () => {
    await svc.apply(zeekctlSource(), 0);
    assert.deepEqual((await svc.get()).renderContext, processOptionContext());
  });
});
