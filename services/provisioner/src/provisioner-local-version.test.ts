import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Bus, connectBus, ensureEventsStream, openKv } from "@zeekbus/bus";
import { HOSTS_BUCKET, HostFacts, hostKey } from "@zeekbus/contracts";
import { natsFixture, uniqueCluster } from "@zeekbus/test-harness";
import { zeekSimBin } from "@zeekbus/zeek-sim";
import { ProvisionerClient } from "./client/provisioner-client.js";
import { startProvisioner } from "./service.js";
import { localOnlySettings } from "./testing/settings.js";

/** A prefix whose bin/zeek is a script: `-v` answered by `version`, everything else by zeek-sim. */
function prefixWithZeek(version: string): string {
  const prefix = mkdtempSync(join(tmpdir(), "prov-ver-"));
  mkdirSync(join(prefix, "bin"));
  const answer = version === "" ? "exit 0" : `echo '${version}'; exit 0`;
  writeFileSync(
    join(prefix, "bin", "zeek"),
    `#!/bin/sh\nif [ "$1" = -v ]; then ${answer}; fi\nexec ${zeekSimBin} "$@"\n`,
    { mode: 0o755 },
  );
  return prefix;
}

describe("provisioner: the Zeek version of a host", () => {
  const nats = natsFixture();
  let bus: Bus;
  const prefixes: string[] = [];

  before(async () => {
    bus = await connectBus({ servers: nats.url, name: "provisioner-version-test" });
    await ensureEventsStream(bus);
    nats.teardown(() => bus.close());
  });
  after(() => {
    for (const p of prefixes) rmSync(p, { recursive: true, force: true });
  });

  async function provisioner(prefix: string): Promise<{ call: ProvisionerClient; cluster: string }> {
    prefixes.push(prefix);
    const cluster = uniqueCluster("provv");
    const svc = await startProvisioner(bus, {
      cluster,
      settings: localOnlySettings(prefix),
    });
    nats.teardown(() => svc.stop());
    return { call: new ProvisionerClient(bus, cluster), cluster };
  }

  it("reads it with zeek -v, as zeekctl does (its test stand-in knows nothing else)", async () => {
    const prefix = prefixWithZeek("zeek version 2.5-1");
    const { call } = await provisioner(prefix);
    const facts = await call.facts({ hosts: [{ host: "localhost" }] });
    assert.deepEqual(facts.results[0]?.facts?.zeek, { path: `${prefix}/bin/zeek`, version: "2.5-1" });
    const installed = await call.install({
      hosts: [{ host: "localhost", auto: {}, site: {}, policy: false }],
    });
    assert.equal(installed.results[0]?.zeekVersion, "2.5-1", JSON.stringify(installed));
  });

  it("says why in the facts and the install reply when the version cannot be read", async () => {
    const prefix = prefixWithZeek("");
    const { call, cluster } = await provisioner(prefix);
    const problem = 'running "zeek -v" failed with no output';
    const facts = await call.facts({ hosts: [{ host: "localhost" }] });
    assert.deepEqual(facts.results[0]?.facts?.zeek, { path: `${prefix}/bin/zeek`, versionProblem: problem });
    const kv = await openKv(bus, HOSTS_BUCKET, HostFacts);
    assert.equal((await kv.get(hostKey(cluster, "localhost")))?.value.zeek?.versionProblem, problem);
    const installed = await call.install({
      hosts: [{ host: "localhost", auto: {}, site: {}, policy: false }],
    });
    assert.equal(installed.results[0]?.zeekVersion, undefined);
    assert.equal(installed.results[0]?.zeekVersionProblem, problem);
  });
});
