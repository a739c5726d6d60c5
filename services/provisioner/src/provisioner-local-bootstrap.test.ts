import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Bus, connectBus, ensureEventsStream } from "@zeekbus/bus";
import { AgentClient } from "@zeekbus/process-supervisor/client";
import { eventually, natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { type AgentBundle, bundleLoader } from "./bootstrap/bootstrap.js";
import { ProvisionerClient } from "./client/provisioner-client.js";
import { type RunningProvisioner, startProvisioner } from "./service.js";
import { agentPids, killAgents } from "./testing/agents.js";
import { assertEvents, recordEvents } from "./testing/events.js";
import { localOnlySettings } from "./testing/settings.js";

describe("provisioner bootstrap on localhost (no ssh)", () => {
  const nats = natsFixture();
  const cluster = uniqueCluster("provb");
  const prefix = mkdtempSync(join(tmpdir(), "prov-boot-"));
  const file = join(prefix, "zeekbus", "zeekbus-supervisor-0.1.0.mjs");
  let bus: Bus;
  let call: ProvisionerClient;
  let events: ReturnType<typeof recordEvents>;
  const host = (event: string) => `zeekbus.evt.${cluster}.host.${event}.sensor-1`;
  let svc: RunningProvisioner;
  const serve = (agentBundle?: AgentBundle) =>
    startProvisioner(bus, {
      cluster,
      natsUrl: nats.url,
      agentAnswerTimeoutMs: 8000,
      ...(agentBundle ? { agentBundle } : {}),
      settings: localOnlySettings(prefix),
    });

  before(async () => {
    bus = await connectBus({ servers: nats.url, name: "provisioner-bootstrap-test" });
    call = new ProvisionerClient(bus, cluster);
    await ensureEventsStream(bus);
    events = recordEvents(bus, bus.subjects.evtFilter(cluster, "host"));
    svc = await serve();
    nats.teardown(() => bus.close());
    nats.teardown(() => svc.stop());
    nats.teardown(() => killAgents(file, cluster));
  });
  after(() => rmSync(prefix, { recursive: true, force: true }));

  it("starts a detached agent that answers, then finds it running", async (t) => {
    const t0 = performance.now();
    const r = await call.bootstrap({ hosts: [{ host: "sensor-1", address: "localhost" }] });
    t.diagnostic(`bootstrap on localhost: ${Math.round(performance.now() - t0)} ms`);
    assert.deepEqual(
      r.results,
      [{ host: "sensor-1", outcome: "bootstrapped", agentVersion: "0.1.0" }],
      JSON.stringify(r),
    );
    const [pid] = agentPids(file, cluster);
    await assertEvents(events, cluster, "bootstrap", [
      { subject: host("bootstrapped"), name: "sensor-1", data: r.results[0] },
    ]);
    assert.ok(pid, "agent process found");
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    assert.equal(fields[3], String(pid), "the agent leads its own session (setsid)");
    const status = await new AgentClient(bus, cluster, "sensor-1").status([], 2000);
    assert.equal(status.host, "sensor-1");

    const again = await call.bootstrap({ hosts: [{ host: "sensor-1", address: "localhost" }] });
    assert.equal(again.results[0]?.outcome, "already_running");
    assert.equal(again.results[0]?.agentVersion, "0.1.0");
    assert.equal(agentPids(file, cluster).length, 1, "no second agent");
    await assertEvents(events, cluster, "bootstrap", [
      { subject: host("already_running"), name: "sensor-1", data: again.results[0] },
    ]);

    const facts = await call.facts({ hosts: [{ host: "sensor-1", address: "localhost" }] });
    assert.equal(facts.results[0]?.facts?.agentVersion, "0.1.0");
    await assertEvents(events, cluster, "facts", [
      { subject: host("collected"), name: "sensor-1", data: facts.results[0] },
    ]);
  });

  it("replaces an agent of another version that it started (zeekbus upgraded)", async () => {
    const [old] = agentPids(file, cluster);
    assert.ok(old, "the 0.1.0 agent runs");
    await svc.stop();
    const real = bundleLoader("0.1.0");
    svc = await serve({ version: "0.2.0-test", content: real.content });
    const r = await call.bootstrap({ hosts: [{ host: "sensor-1", address: "localhost" }] });
    assert.equal(r.results[0]?.outcome, "bootstrapped", JSON.stringify(r));
    const next = join(prefix, "zeekbus", "zeekbus-supervisor-0.2.0-test.mjs");
    const [fresh] = agentPids(next, cluster);
    assert.ok(fresh, "the new agent runs");
    assert.deepEqual(agentPids(file, cluster), [], "the old agent is gone");
    assert.equal(readFileSync(join(prefix, "spool", "zeekbus-supervisor.pid"), "utf8"), `${fresh}\n`);
    await assertEvents(events, cluster, "bootstrap", [
      { subject: host("bootstrapped"), name: "sensor-1", data: r.results[0] },
    ]);
    killAgents(next, cluster);
  });

  it("reports the agent's log when the agent exits", async () => {
    killAgents(file, cluster);
    await eventually(() => agentPids(file, cluster).length === 0, { what: "agent gone" });
    const r = await call.bootstrap({
      hosts: [{ host: "sensor-1", address: "localhost" }],
      nats: "nats://127.0.0.1:1",
    });
    assert.equal(r.results[0]?.outcome, "bootstrap_failed", JSON.stringify(r));
    assert.match(
      r.results[0]?.error ?? "",
      /host sensor-1: the agent \(pid [0-9]+\) exited before answering/,
    );
    assert.match(r.results[0]?.error ?? "", /zeekbus-supervisor\.log:\n[\s\S]*ECONNREFUSED/);
    await assertEvents(events, cluster, "bootstrap", [
      { subject: host("bootstrap_failed"), name: "sensor-1", data: r.results[0] },
    ]);
  });
});
