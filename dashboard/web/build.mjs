// Bundles the page's script with its npm dependencies and copies the static files into the
// directory given as the first argument (the dashboard jar's static resources).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUTPUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['src/app.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  outfile: join(out, 'dashboard.js'),
  logLevel: 'warning',
});
for (const file of ['index.html', 'style.css']) {
  copyFileSync(join('src', file), join(out, file));
}
