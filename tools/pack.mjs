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
// binaryen adds the features named in the module's target_features section to
// those given here, so that section is stripped first: then the -Oz run
// validates the module against the Chromium 83 set, and a module that still
// used externref or multi-value (a plain `trunk build`) stops the build here.
const FEATURES = ['--mvp-features', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals'];
const stripped = `${wasmPath}.nofeatures`;
const optimised = `${wasmPath}.opt`;
const wasmOpt = join('node_modules', '.bin', 'wasm-opt');
if (!existsSync(wasmOpt)) fail('node_modules/.bin/wasm-opt missing: run `make setup`');
execFileSync(wasmOpt, [wasmPath, ...FEATURES, '--enable-reference-types', '--enable-multivalue',
  '--strip-target-features', '-o', stripped], { stdio: 'inherit' });
try {
  execFileSync(wasmOpt, [stripped, '-Oz', '--strip-debug', '--strip-producers', '-o', optimised, ...FEATURES],
    { stdio: ['ignore', 'inherit', 'pipe'] });
} catch (err) {
  console.error(String(err.stderr).split('\n').slice(0, 4).join('\n'));
  fail('the module uses WebAssembly features Chromium 83 lacks (reference-types or multi-value): build it with `make dist` (Makefile: WASM_COMPAT_ENV)');
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
// Every script of the page must run on Chromium 83 (issue 12). The old-kernel
// tests prove the paths they take; this catches, in any path, the syntax and
// built-ins most likely to slip in (the glue's FinalizationRegistry is
// feature-tested by wasm-bindgen itself, so it is allowed).
const inlineScripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const newerThan83 = [
  [/\?\?=|\|\|=|&&=/, 'logical assignment (Chromium 85)'],
  [/\.replaceAll\(/, 'String.prototype.replaceAll (Chromium 85)'],
  [/\bPromise\.any\b/, 'Promise.any (Chromium 85)'],
  [/\bWeakRef\b/, 'WeakRef (Chromium 84)'],
  [/\.at\(/, '.at() (Chromium 92)'],
  [/\bObject\.hasOwn\b/, 'Object.hasOwn (Chromium 93)'],
  [/\bstatic\s*\{/, 'class static block (Chromium 94)'],
  [/\.findLast(?:Index)?\(/, 'findLast (Chromium 97)'],
  [/\bstructuredClone\b/, 'structuredClone (Chromium 98)'],
];
for (const [name, js] of [['wasm-bindgen glue', glue], ['loader', boot], ...inlineScripts.map((js, i) => [`inline script ${i + 1}`, js])]) {
  for (const [re, what] of newerThan83) if (re.test(js)) fail(`${name} uses ${what}: the page must run on Chromium 83`);
}
const wasmGzip = gzipSync(wasm, { level: 9 });
const script = `<script type="module">\n${glue}\nconst WASM_GZIP_BASE64 = "${wasmGzip.toString('base64')}";\n${boot}\n</script>\n`;
if (!html.includes('</body>')) fail('no </body> in trunk output');
html = html.replace('</body>', `${script}</body>`);

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, html);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`wasm: ${kb(wasmRaw.length)} -> ${kb(wasm.length)} after wasm-opt -Oz, ${kb(wasmGzip.length)} gzipped in the page`);
console.log(`${outFile}: ${kb(Buffer.byteLength(html))} raw, ${kb(gzipSync(html).length)} gzipped`);
