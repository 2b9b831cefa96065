// `npm run bench -- NAME [options]`: runs bench/NAME.ts, which prints one JSON object as its last line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [name, ...rest] = process.argv.slice(2);
const available = fs.readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_')).map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <name> [options]\nBenchmarks: ${available.join(', ')}`);
  process.exit(1);
}
process.argv = [process.argv[0], path.join(here, `${name}.ts`), ...rest];
await import(`./${name}.ts`);
