import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countersOf, parseMetrics } from "./metrics.js";

const text = [
  "# HELP zeek_net_received_packets_total Packets received.",
  "# TYPE zeek_net_received_packets_total counter",
  'zeek_net_received_packets_total{endpoint="worker-1-1",iface="mon0"} 120',
  'zeek_net_received_packets_total{endpoint="worker-1-1",iface="mon1"} 30',
  "zeek_net_dropped_packets_total 2",
  "process_open_fds 11",
  "",
].join("\n");

describe("parseMetrics", () => {
  it("sums each metric over its label sets and skips comments", () => {
    assert.deepEqual(
      [...parseMetrics(text)],
      [
        ["zeek_net_received_packets_total", 150],
        ["zeek_net_dropped_packets_total", 2],
        ["process_open_fds", 11],
      ],
    );
  });

  it("gives a worker's packet counters, 0 for one it has not exported", () => {
    assert.deepEqual(countersOf(parseMetrics(text)), { received: 150, dropped: 2 });
    assert.deepEqual(countersOf(parseMetrics("process_open_fds 11\n")), { received: 0, dropped: 0 });
  });
});
