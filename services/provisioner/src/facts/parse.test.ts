import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCpuCount, parseDfAvail, parseInterfaces } from "./parse.js";

describe("facts parsers", () => {
  it("reads nproc", () => {
    assert.equal(parseCpuCount("4\n"), 4);
    assert.equal(parseCpuCount("0\n"), undefined);
    assert.equal(parseCpuCount("four"), undefined);
    assert.equal(parseCpuCount(""), undefined);
  });

  it("counts rx queues per interface, sorted by name", () => {
    const out = [
      "if /sys/class/net/lo",
      "if /sys/class/net/eth0",
      "if /sys/class/net/cap0",
      "q /sys/class/net/eth0/queues/rx-0",
      "q /sys/class/net/cap0/queues/rx-0",
      "q /sys/class/net/cap0/queues/rx-1",
      "q /sys/class/net/lo/queues/rx-0",
      "q /sys/class/net/*/queues/rx-*",
      "",
    ].join("\n");
    assert.deepEqual(parseInterfaces(out), [
      { name: "cap0", queues: 2 },
      { name: "eth0", queues: 1 },
      { name: "lo", queues: 1 },
    ]);
    assert.deepEqual(parseInterfaces("if /sys/class/net/*\n"), []);
  });

  it("reads df's avail column", () => {
    assert.equal(parseDfAvail("    Avail\n53687091200\n"), 53687091200);
    assert.equal(parseDfAvail("Avail\n"), undefined);
    assert.equal(parseDfAvail("df: /x: No such file\n"), undefined);
  });
});
