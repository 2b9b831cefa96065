// Copies browser libraries from node_modules into the static folder, so pages never load from a CDN.
import fs from 'node:fs';

fs.mkdirSync('src/web/public/vendor', { recursive: true });
fs.copyFileSync('node_modules/htmx.org/dist/htmx.min.js', 'src/web/public/vendor/htmx.min.js');
