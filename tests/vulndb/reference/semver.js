// Reference ordering for the semver differential test: the npm `semver` package.
// Usage: node semver.js SEMVER_MODULE_DIR < pairs. Reads "a<TAB>b" lines, prints -1, 0 or 1
// per line, or "x" when either is not valid semver.
const semver = require(process.argv[2]);
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((l) => l.length > 0);
const out = lines.map((line) => {
  const [a, b] = line.split('\t');
  if (!semver.valid(a) || !semver.valid(b)) return 'x';
  return String(semver.compare(a, b));
});
process.stdout.write(out.join('\n') + '\n');
