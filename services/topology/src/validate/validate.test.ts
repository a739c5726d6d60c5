import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { errorFromReply } from "@zeekbus/bus";
import { MAX_PROBLEMS, TopologyValidate, ValidationError } from "@zeekbus/contracts";
import { BAD_NODE_CFG, nodeCfg, serviceFixture, zeekctlSource } from "../testing/fixtures.js";
import { formatWire } from "./build.js";
import { boundedProblems } from "./validate.js";

describe("topology validate", () => {
  const svc = serviceFixture();

  it("accepts a good zeekctl config and returns its expanded nodes", async () => {
    const reply = await svc.validate(zeekctlSource());
    assert.equal(reply.ok, true);
    assert.deepEqual(
      reply.nodes.map((n) => n.name),
      ["logger", "manager", "proxy-1", "worker-1-1", "worker-1-2", "worker-3"],
    );
    assert.equal(reply.nodes.find((n) => n.name === "worker-1-2")?.fanout?.id, 23);
  });

  it("returns every problem of a bad config at once, each with file:line", async () => {
    const reply = await svc.validate(zeekctlSource(BAD_NODE_CFG));
    assert.equal(reply.ok, false);
    assert.deepEqual(reply.nodes, []);
    assert.deepEqual(reply.problems.filter((p) => p.level === "error").map(formatWire), [
      "node.cfg:3: unknown node type 'bogus' given for node 'manager'",
      "node.cfg:5: no host given for node 'worker-1'",
    ]);
  });

  it("reports a host that does not resolve, naming it, at the line of its first use", async () => {
    const text = nodeCfg().replace("host=sensor-a\ninterface=eth2", "host=nowhere.invalid\ninterface=eth2");
    const reply = await svc.validate(zeekctlSource(text));
    assert.equal(reply.ok, false);
    assert.deepEqual(reply.problems.map(formatWire), [
      "node.cfg:22: hostname lookup failed for 'nowhere.invalid' in node config [ENOTFOUND]",
    ]);
  });

  it("validates a YAML spec and reports its problems with YAML lines", async () => {
    const yaml = "nodes:\n  - name: zeek\n    type: standalone\n    host: localhost\n    interface: eth0\n";
    const good = await svc.validate({ format: "yaml", files: { "cluster.yaml": yaml } });
    assert.equal(good.ok, true);
    assert.deepEqual(
      good.nodes.map((n) => n.type),
      ["standalone"],
    );
    const bad = await svc.validate({
      format: "yaml",
      files: { "cluster.yaml": yaml.replace("host:", "hots:") },
    });
    assert.equal(bad.ok, false);
    assert.ok(bad.problems.every((p) => p.file === "cluster.yaml" && p.line !== undefined));
  });

  it("a yaml source must hold exactly one file, a zeekctl source needs node.cfg", async () => {
    const two = await svc.validate({
      format: "yaml",
      files: { "a.yaml": "nodes: []", "b.yaml": "nodes: []" },
    });
    assert.deepEqual(two.problems.map(formatWire), ["(source): a yaml source holds exactly one file, got 2"]);
    const none = await svc.validate({ format: "zeekctl", files: { "zeekctl.cfg": "" } });
    assert.deepEqual(none.problems.map(formatWire), ["node.cfg: cannot read node config file"]);
  });

  it("answers malformed requests with ValidationError and keeps serving", async () => {
    const junk = await svc.bus.nc.request(svc.subject("validate"), "{nope", { timeout: 2000 });
    assert.ok(errorFromReply(junk) instanceof ValidationError);
    const wrong = {
      type: TopologyValidate.type,
      id: "x",
      ts: new Date().toISOString(),
      cluster: svc.cluster,
      data: { format: "ini", files: {} },
    };
    const msg = await svc.bus.nc.request(svc.subject("validate"), JSON.stringify(wrong), { timeout: 2000 });
    const err = errorFromReply(msg);
    assert.ok(err instanceof ValidationError);
    assert.ok(err.details.some((d) => d.startsWith("data.format:")));
    assert.equal((await svc.validate(zeekctlSource())).ok, true);
  });
});

describe("boundedProblems", () => {
  it("keeps a reply within the contract's problem bound, counting what it leaves out", () => {
    const many = Array.from({ length: MAX_PROBLEMS + 5 }, (_, i) => ({
      level: "error" as const,
      file: "node.cfg",
      line: i + 1,
      message: `problem ${i}`,
    }));
    const bounded = boundedProblems(many);
    assert.equal(bounded.length, MAX_PROBLEMS);
    assert.deepEqual(bounded.at(-1), { level: "error", file: "node.cfg", message: "… and 6 more problems" });
    assert.equal(boundedProblems(many.slice(0, 3)).length, 3);
  });
});
