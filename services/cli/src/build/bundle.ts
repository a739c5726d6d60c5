/**
 * Bundles the `zeekbus` command (run by the package's build after tsc): one entry,
 * dist/bundle/zeekbus.mjs, holding commander and the verbs' names, and a chunk per verb that
 * the entry imports only when that verb runs. dist/bundle/meta.json records which source
 * went where. zod's error messages are kept in English only: its other locales would be a
 * third of every verb's code, compiled at each start and never used.
 */
import { chmod, writeFile } from "node:fs/promises";
import { build, type Plugin } from "esbuild";

const englishOnly: Plugin = {
  name: "zod-english-only",
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";\n',
      loader: "js",
    }));
  },
};

const result = await build({
  entryPoints: ["dist/main.js"],
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  outdir: "dist/bundle",
  entryNames: "zeekbus",
  chunkNames: "[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  metafile: true,
  logLevel: "warning",
  plugins: [englishOnly],
  // Bundled CommonJS dependencies call require(); ESM output has none of its own.
  banner: {
    js: "import { createRequire as __zbCreateRequire } from 'node:module'; const require = __zbCreateRequire(import.meta.url);",
  },
});
await writeFile("dist/bundle/meta.json", JSON.stringify(result.metafile));
await chmod("dist/bundle/zeekbus.mjs", 0o755);
