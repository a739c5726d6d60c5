import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { layoutText, standardLayout } from "./layout.js";

describe("zeek-sim test fixture layout", () => {
  it("renders cluster-layout.zeek in zeekctl's format", () => {
    assert.equal(
      layoutText(standardLayout(2)),
      [
        "# Automatically generated. Do not edit.",
        "redef Cluster::manager_is_logger = F;",
        "redef Cluster::nodes = {",
        '\t["control"] = [$node_type=Cluster::CONTROL, $ip=127.0.0.1, $p=27762/tcp],',
        '\t["manager"] = [$node_type=Cluster::MANAGER, $ip=127.0.0.1, $p=27763/tcp, $metrics_port=9991/tcp],',
        '\t["logger"] = [$node_type=Cluster::LOGGER, $ip=127.0.0.1, $p=27764/tcp, $metrics_port=9992/tcp],',
        '\t["proxy-1"] = [$node_type=Cluster::PROXY, $ip=127.0.0.1, $p=27765/tcp, $manager="manager", $metrics_port=9993/tcp],',
        '\t["worker-1"] = [$node_type=Cluster::WORKER, $ip=127.0.0.1, $p=27766/tcp, $manager="manager", $metrics_port=9994/tcp],',
        '\t["worker-2"] = [$node_type=Cluster::WORKER, $ip=127.0.0.1, $p=27767/tcp, $manager="manager", $metrics_port=9995/tcp],',
        "};",
        "",
      ].join("\n"),
    );
  });
});
