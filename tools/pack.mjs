// Packs trunk's output into ONE self-contained dist/index.html:
// CSS inlined, wasm optimised (binaryen from npm, after wasm-bindgen: Debian's
// binaryen 108 breaks the module, see shared/TOOLCHAIN.md) and embedded as
// base64, JS glue inlined in a module script started with the async init.
// Usage: node tools/pack.mjs <trunk-dist-dir> <out-file>
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';

const [srcDir = 'target/trunk-dist', outFile = 'dist/index.html'] = process.argv.slice(2);
const fail = (msg) => { console.error(`pack: ${msg}`); process.exit(1); };

const files = readdirSync(srcDir);
const pick = (suffix) => {
  const found = files.filter((f) => f.endsWith(suffix));
  if (found.length !== 1) fail(`expected one *${suffix} in ${srcDir}, found ${found.length}`);
  return join(srcDir, found[0]);
};
const wasmPath = pick('_bg.wasm');
const gluePath = wasmPath.replace(/_bg\.wasm$/, '.js');
if (!existsSync(gluePath)) fail(`missing JS glue ${gluePath}`);

// Optimise for size. The features are exactly those the module is built with
// for Chromium 83+ (Makefile: WASM_COMPAT_FEATURES): MVP plus bulk-memory,
// sign-ext, non-trapping float-to-int and mutable globals (Chromium 74/75),
// no reference-types (Chromium 96) and no multi-value (Chromium 85).
// binaryen validates its input against these features, so a module that
// still used externref or multi-value would stop the build here.
const optimised = `${wasmPath}.opt`;
const wasmOpt = join('node_modules', '.bin', 'wasm-opt');
if (!existsSync(wasmOpt)) fail('node_modules/.bin/wasm-opt missing: run `make setup`');
try {
  execFileSync(wasmOpt, [
    wasmPath, '-Oz', '--strip-debug', '--strip-producers', '-o', optimised,
    '--mvp-features', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
    '--enable-sign-ext', '--enable-mutable-globals',
  ], { stdio: 'inherit' });
} catch {
  fail('wasm-opt refused the module with the Chromium 83 feature set: was it built with `make dist` (WASM_COMPAT_ENV)?');
}
const wasmRaw = readFileSync(wasmPath);
const wasm = readFileSync(optimised);

const glue = readFileSync(gluePath, 'utf8');
if (!/async function __wbg_init\b/.test(glue)) fail('glue has no __wbg_init: wasm-bindgen output changed');
if (/<\/script/i.test(glue)) fail('glue contains "</script"; cannot inline safely');

let html = readFileSync(join(srcDir, 'index.html'), 'utf8');
// Stylesheets -> inline <style>.
html = html.replace(/<link\b[^>]*rel="stylesheet"[^>]*>/g, (tag) => {
  const href = /href="\/?([^"]+)"/.exec(tag)?.[1];
  if (!href) fail(`stylesheet without href: ${tag}`);
  return `<style>\n${readFileSync(join(srcDir, href), 'utf8')}\n</style>`;
});
// Drop trunk's preloads and its loader script: both reference separate files.
html = html.replace(/<link\b[^>]*rel="(?:modulepreload|preload)"[^>]*>\s*/g, '');
html = html.replace(/<script type="module"[^>]*>[\s\S]*?<\/script>\s*/g, '');
if (/(?:href|src)="\/?[^"]+\.(?:js|wasm|css)"/.test(html)) fail('a reference to an external file remains');

// The wasm is embedded gzipped (about 40% of its size): the page is smaller on
// the file share, the browser parses and base64-decodes far fewer bytes, and
// DecompressionStream (Chromium 80+) feeds a streaming compile.
const boot = `
if (window.__jixiaoSupported) {
  (async () => {
    try {
      const text = atob(WASM_GZIP_BASE64);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      const wasm = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      const module = await WebAssembly.compileStreaming(
        new Response(wasm, { headers: { 'Content-Type': 'application/wasm' } }));
      await __wbg_init({ module_or_path: module });
    } catch (err) {
      console.error(err);
      const el = document.getElementById('loading');
      if (el) el.remove();
      window.__jixiaoRescue('启动失败（' + (err && err.message ? err.message : err) + '）');
    }
  })();
}`;
const wasmGzip = gzipSync(wasm, { level: 9 });
const script = `<script type="module">\n${glue}\nconst WASM_GZIP_BASE64 = "${wasmGzip.toString('base64')}";\n${boot}\n</script>\n`;
if (!html.includes('</body>')) fail('no </body> in trunk output');
html = html.replace('</body>', `${script}</body>`);

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, html);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`wasm: ${kb(wasmRaw.length)} -> ${kb(wasm.length)} after wasm-opt -Oz, ${kb(wasmGzip.length)} gzipped in the page`);
console.log(`${outFile}: ${kb(Buffer.byteLength(html))} raw, ${kb(gzipSync(html).length)} gzipped`);
