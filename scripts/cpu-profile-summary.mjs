// `node scripts/cpu-profile-summary.mjs FILE.cpuprofile`: where a CPU profile's time went,
// by package (nunjucks, fastify, better-sqlite3, kysely, zlib ...) and by our own modules,
// for docs/benchmarks.md. Make the profile with:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/bench.ts --page /people/:id --role admin
import fs from 'node:fs';

const profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]);
  self.set(node.id, (self.get(node.id) ?? 0) + (dt[i] ?? 0));
}
const bucketOf = (node) => {
  const url = node.callFrame.url;
  const name = node.callFrame.functionName;
  if (!url)
    return name === '(garbage collector)'
      ? 'garbage collection'
      : name === '(idle)' || name === '(program)'
        ? name
        : `native: ${name || '(anonymous)'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:'))
    return url
      .replace(/^node:internal\//, 'node: ')
      .split('/')
      .slice(0, 2)
      .join('/');
  const own = /\/(src|scripts)\/(.*)$/.exec(url);
  return own
    ? `${own[1]}/${own[2]
        .split('/')
        .slice(0, own[1] === 'src' ? 3 : 1)
        .join('/')}`
    : url;
};
const totals = new Map();
let all = 0;
for (const [id, us] of self) {
  const bucket = bucketOf(byId.get(id));
  totals.set(bucket, (totals.get(bucket) ?? 0) + us);
  all += us;
}
const busy = all - (totals.get('(idle)') ?? 0);
console.log(`busy ${(busy / 1000).toFixed(0)} ms of ${(all / 1000).toFixed(0)} ms sampled`);
for (const [bucket, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  if (bucket === '(idle)') continue;
  console.log(`${((100 * us) / busy).toFixed(1).padStart(5)}%  ${bucket}`);
}
