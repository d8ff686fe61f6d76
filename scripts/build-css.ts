import fs from 'node:fs';
import path from 'node:path';
import * as sass from 'sass';

// Builds the rebranded GOV.UK Frontend stylesheet into public/build/.
const out = path.resolve('public/build');
fs.mkdirSync(out, { recursive: true });
const result = sass.compile('src/styles/app.scss', {
  loadPaths: ['node_modules'],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import'],
});
fs.writeFileSync(path.join(out, 'app.css'), result.css);
fs.copyFileSync('node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js', path.join(out, 'govuk-frontend.min.js'));
console.log(`Built public/build/app.css (${Math.round(result.css.length / 1024)} KB)`);
