/**
 * Requests naming many hosts at once: a host named twice is refused, the hosts of a request are
 * worked on a bounded number at a time, and failures cost one log line per request, not per host.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Bus, connectBus, encodeJson, ensureEventsStream, errorFromReply, openKv } from "@zeekbus/bus";
import { HOSTS_BUCKET, HostFacts, hostKey, ProvisionerFacts, ValidationError } from "@zeekbus/contracts";
import { closedPort } from "@zeekbus/lab";
import { createLogger } from "@zeekbus/log";
import { natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { ProvisionerClient } from "./client/provisioner-client.js";
import { HOST_CONCURRENCY } from "./hosts/fan-out.js";
import { startProvisioner } from "./service.js";
import { localOnlySettings } from "./testing/settings.js";

interface Line {
  level: number;
  msg: string;
}

/** A prefix whose zeek answers `-v` after 0.2 s, noting how many of it run at that moment. */
function countingPrefix(): string {
  const prefix = mkdtempSync(join(tmpdir(), "prov-flood-"));
  mkdirSync(join(prefix, "bin"));
  mkdirSync(join(prefix, "running"));
  writeFileSync(
    join(prefix, "bin", "zeek"),
    [
      "#!/bin/sh",
      `d=${prefix}`,
      ': > "$d/running/$$"',
      'ls "$d/running" | wc -l >> "$d/counts"',
      "sleep 0.2",
      'rm -f "$d/running/$$"',
      "echo 'zeek version 8.2.0'",
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  return prefix;
}

describe("provisioner: many hosts in one request", () => {
  const nats = natsFixture();
  const prefix = countingPrefix();
  const lines: Line[] = [];
  let bus: Bus;
  let serviceBus: Bus;

  const settings = localOnlySettings(prefix);

  /** Lines of level info and above written while `fn` ran. */
  async function loudLines<T>(fn: () => Promise<T>): Promise<{ result: T; loud: Line[]; all: Line[] }> {
    const from = lines.length;
    const result = await fn();
    const all = lines.slice(from);
    return { result, loud: all.filter((l) => l.level >= 30), all };
  }

  async function provisioner(sshPort?: number): Promise<{ call: ProvisionerClient; cluster: string }> {
    const cluster = uniqueCluster("provf");
    const svc = await startProvisioner(serviceBus, { cluster, settings, ...(sshPort ? { sshPort } : {}) });
    nats.teardown(() => svc.stop());
    await serviceBus.nc.flush();
    return { call: new ProvisionerClient(bus, cluster), cluster };
  }

  before(async () => {
    bus = await connectBus({ servers: nats.url, name: "provisioner-flood-test" });
    const logger = createLogger({
      name: "provisioner-flood",
      level: "debug",
      destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
    });
    serviceBus = await connectBus({ servers: nats.url, name: "provisioner-flood-service", logger });
    await ensureEventsStream(bus);
    nats.teardown(() => bus.close());
    nats.teardown(() => serviceBus.close());
  });
  after(() => rmSync(prefix, { recursive: true, force: true }));

  it("refuses a host named twice with a ValidationError on hosts, then answers a valid request", async () => {
    const { call, cluster } = await provisioner();
    const copies = Array.from({ length: 2000 }, () => ({ host: "localhost", address: "localhost" }));
    const flood = await bus.nc.request(
      bus.subjects.api(cluster, "provisioner", "facts"),
      encodeJson({
        type: ProvisionerFacts.type,
        id: "flood-2000",
        ts: new Date().toISOString(),
        cluster,
        data: { hosts: copies },
      }),
      { timeout: 60_000 },
    );
    const refused = errorFromReply(flood);
    assert.ok(refused instanceof ValidationError, `${refused?.code}: ${refused?.message}`);
    assert.match([refused.message, ...refused.details].join("\n"), /(^|\.)hosts: /m);

    await assert.rejects(call.facts({ hosts: copies.slice(0, 3) }), (err: Error) => {
      assert.ok(err instanceof ValidationError, err.message);
      assert.equal(err.message, "hosts: 2 duplicate host(s); name each host once");
      assert.deepEqual((err as ValidationError).details, [
        "hosts.1.host: localhost is already hosts.0",
        "hosts.2.host: localhost is already hosts.0",
      ]);
      return true;
    });
    const kv = await openKv(bus, HOSTS_BUCKET, HostFacts);
    assert.equal(await kv.get(hostKey(cluster, "localhost")), undefined, "nothing collected");

    const ok = await call.facts({ hosts: [{ host: "localhost" }] });
    assert.equal(ok.results[0]?.outcome, "collected", JSON.stringify(ok));
  });

  it(`collects 100 names of this machine ${HOST_CONCURRENCY} hosts at a time, each logged at debug`, async () => {
    const { call } = await provisioner();
    rmSync(join(prefix, "counts"), { force: true });
    const hosts = Array.from({ length: 100 }, (_, i) => ({ host: `h${i}`, address: "localhost" }));
    const { result, loud, all } = await loudLines(() => call.facts({ hosts }));
    assert.deepEqual(
      result.results.map((r) => [r.host, r.outcome, r.facts?.zeek?.version]),
      hosts.map((h) => [h.host, "collected", "8.2.0"]),
    );
    const counts = readFileSync(join(prefix, "counts"), "utf8").trim().split("\n").map(Number);
    assert.equal(counts.length, 100);
    assert.ok(Math.max(...counts) <= HOST_CONCURRENCY, `at most ${Math.max(...counts)} zeek -v at once`);
    assert.deepEqual(loud, []);
    assert.equal(all.filter((l) => l.msg === "facts collected").length, 100);
  });

  it("hosts that cannot be reached cost one warn line for the request", async () => {
    const { call } = await provisioner(await closedPort());
    const hosts = Array.from({ length: 40 }, (_, i) => ({ host: `u${i}`, address: "127.0.0.2" }));
    const { result, loud } = await loudLines(() => call.facts({ hosts }));
    assert.deepEqual(
      result.results.map((r) => r.outcome),
      hosts.map(() => "facts_failed"),
    );
    assert.deepEqual(
      loud.map((l) => [l.level, l.msg]),
      [[40, "facts failed on 40 of 40: u0, u1, u2, u3, u4 and 35 more"]],
    );
  });
});
