import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseIni } from "./ini.js";
import { formatProblem } from "./problem.js";

const entries = (text: string) =>
  parseIni(text, "node.cfg").sections.map((s) => [
    s.name,
    s.line,
    Object.fromEntries([...s.entries].map(([k, v]) => [k, [v.value, v.line]])),
  ]);

describe("node.cfg INI quirks (Python configparser as zeekctl uses it)", () => {
  it("key=value and key: value, keys lower-cased with . → _, no inline comments", () => {
    assert.deepEqual(entries("# c\n[W]\nType: worker\nAF_Packet.Fanout_ID = 7\ninterface=eth0 # x\n; c\n"), [
      ["W", 2, { type: ["worker", 3], af_packet_fanout_id: ["7", 4], interface: ["eth0 # x", 5] }],
    ]);
  });
  it("indented lines continue a value; [DEFAULT] supplies fallbacks; %% and %(key)s interpolate", () => {
    assert.deepEqual(
      entries(
        "[DEFAULT]\nhost=h1\n\n[a]\ntype=worker\nenv_vars=A=1,\n  B=2\naux_scripts=%(type)s.zeek 100%%\n",
      ),
      [
        [
          "a",
          4,
          {
            type: ["worker", 5],
            env_vars: ["A=1,\nB=2", 6],
            aux_scripts: ["worker.zeek 100%", 8],
            host: ["h1", 2],
          },
        ],
      ],
    );
  });
  it("reports duplicate sections and keys, lines before any section, and bad % as problems", () => {
    const r = parseIni("x=1\n[a]\nk=1\nk=2\n[a]\nbad line\n[b]\np=5%\n", "node.cfg");
    assert.deepEqual(r.problems.map(formatProblem), [
      "node.cfg:1: file contains no section headers: x=1",
      "node.cfg:4: option 'k' in section 'a' already exists",
      "node.cfg:5: section 'a' already exists",
      "node.cfg:6: node config syntax error: bad line",
      "node.cfg:8: '%' must be followed by '%' or '(', found: '%' (key 'p')",
    ]);
  });
});
