import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { envNameHazard, interfaceHazard, shellValueHazard } from "./shell-safety.js";

describe("shell safety of node.cfg values", () => {
  it("accepts data: plain values, $VAR, quoted metacharacters (as in zeekctl's own tests)", () => {
    for (const v of [
      "1",
      "0x2",
      "/usr/bin:$PATH",
      '"some Node val"',
      '"one;value"',
      "'$PATH'",
      "a\\;b",
      "'$(id)'",
    ]) {
      assert.equal(shellValueHazard(v), undefined, v);
    }
  });

  it("rejects what would make a shell run something, naming it", () => {
    const cases: [string, RegExp][] = [
      ["$(touch /tmp/x)", /command substitution/],
      ["`id`", /command substitution/],
      ['"$(id)"', /command substitution/],
      ["x;rm -rf /", /";" outside quotes/],
      ["a|b", /"\|" outside quotes/],
      ["a&", /"&" outside quotes/],
      ["a>/etc/passwd", /">" outside quotes/],
      ["a\nb", /"\\n" outside quotes/],
      ['"open', /unterminated " quote/],
    ];
    for (const [v, re] of cases) assert.match(shellValueHazard(v) ?? "", re, JSON.stringify(v));
  });

  it("interface names: af_packet:: and pf_ring ZC forms pass, shell characters do not", () => {
    for (const n of ["eth0", "af_packet::eth0", "zc:eth1@0", "enp1s0f1.100"])
      assert.equal(interfaceHazard(n), undefined);
    for (const n of ["eth0;id", "eth0 eth1", "$(id)", "../x", "-eth0"]) assert.ok(interfaceHazard(n), n);
  });

  it("environment variable names must be names", () => {
    assert.equal(envNameHazard("MY_VAR1"), undefined);
    for (const n of ["1A", "A-B", "A;B", "$A"]) assert.ok(envNameHazard(n), n);
  });
});
