import assert from "node:assert/strict";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cleanup, readStatus, runSim, tempDir } from "./harness.js";
import { zeekSimBin } from "./index.js";

describe("zeek-sim command line", () => {
  after(cleanup);

  it("prints the default version", async () => {
    const r = await runSim(["--version"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "zeek version 8.2.0\n");
  });

  it("prints the version from ZEEK_SIM_VERSION with -v", async () => {
    const r = await runSim(["-v"], { env: { ZEEK_SIM_VERSION: "7.1.3" } });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "zeek version 7.1.3\n");
  });

  it("rejects an unknown flag like zeek", async () => {
    const r = await runSim(["--no-such-flag"]);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `ERROR: Unrecognized option --no-such-flag\nTry '${zeekSimBin} --help' for more information.\n`,
    );
  });

  it("rejects an unknown short flag", async () => {
    const r = await runSim(["-Z"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^ERROR: Unrecognized option -Z\n/);
  });

  it("lists the AF_Packet plugin with -N", async () => {
    const r = await runSim(["-N"]);
    assert.equal(r.code, 0);
    assert.match(
      r.stdout,
      /^Zeek::AF_Packet - Packet acquisition via AF_Packet \(dynamic, version 4\.0\.0\)$/m,
    );
  });

  it("prints usage with --help", async () => {
    const r = await runSim(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^usage: /);
  });

  it("accepts --long=value and combined short flags", async () => {
    const cwd = tempDir();
    const r = await runSim(["--status-file=st", "-Cba", "-p", "local", "--prefix=zeekctl"], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readStatus(join(cwd, "st")), "TERMINATED [atexit]");
  });

  it("fails on a script it cannot find", async () => {
    const r = await runSim(["-a", "no/such/script"]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "fatal error in <command line>, line 3: can't find no/such/script\n");
  });
});
