// Production build: one ESM bundle of the server (dependencies stay external) plus static assets.
import { build } from 'esbuild';
import fs from 'node:fs';

fs.rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  sourcemap: true,
  logLevel: 'warning',
});
const clientDir = 'src/web/client';
const clientEntries = fs.existsSync(clientDir) ? fs.readdirSync(clientDir).filter((f) => f.endsWith('.ts')).map((f) => `${clientDir}/${f}`) : [];
// Worker threads load a file of their own: src/modules/library/files.ts looks for it beside the bundle.
fs.copyFileSync('src/modules/library/pdf-text-worker.mjs', 'dist/pdf-text-worker.mjs');
fs.cpSync('src/web/public', 'dist/public', { recursive: true });
if (clientEntries.length) {
  await build({ entryPoints: clientEntries, outdir: 'dist/public/js', bundle: true, format: 'esm', target: 'es2020', minify: true, logLevel: 'warning' });
}
fs.chmodSync('dist/main.js', 0o755);
console.log('Built dist/main.js');
