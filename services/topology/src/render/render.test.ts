import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { request } from "@zeekbus/bus";
import { NotFoundError, RenderReply, TopologyRender } from "@zeekbus/contracts";
import { serviceFixture, zeekctlSource } from "../testing/fixtures.js";

describe("topology render", () => {
  const svc = serviceFixture();
  const render = (data: { node?: string; host?: string }) =>
    request(svc.bus, svc.subject("render"), TopologyRender, svc.cluster, data, RenderReply);

  it("is NotFound before the first apply", async () => {
    await assert.rejects(render({}), NotFoundError);
  });

  it("renders the generated files for a node and for a host", async () => {
    const applied = await svc.apply(zeekctlSource(), 0);
    const state = await svc.get();
    const byNode = await render({ node: "worker-1-2" });
    assert.equal(byNode.revision, applied.revision);
    assert.equal(byNode.host, "sensor-a");
    assert.deepEqual(
      byNode.nodes.map((n) => n.name),
      ["worker-1-2"],
    );
    assert.deepEqual(
      byNode.files.map((f) => f.path),
      ["cluster-layout.zeek", "local-networks.zeek", "zeekctl-config.zeek"],
    );
    const config = byNode.files.find((f) => f.path === "zeekctl-config.zeek")?.content ?? "";
    assert.ok(config.includes(`global_hash_seed = "${state.hashSeed}"`));
    const byHost = await render({ host: "sensor-m" });
    assert.deepEqual(
      byHost.nodes.map((n) => n.name),
      ["logger", "manager", "proxy-1"],
    );
    assert.deepEqual(byHost.files, byNode.files);
  });

  it("an unknown node or host is NotFound", async () => {
    await assert.rejects(render({ node: "worker-9" }), NotFoundError);
    await assert.rejects(render({ host: "elsewhere" }), NotFoundError);
  });
});
