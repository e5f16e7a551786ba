// Reference scorer of the CVSS v4.0 differential test: the npm `ae-cvss-calculator` package
// (an implementation of the FIRST calculator's algorithm, with its 1e-6 rounding fix).
// Usage: node cvss4.js MODULE_DIR < vectors. Reads one vector a line and prints, a line each,
// "SCORE MACROVECTOR NOMENCLATURE" (e.g. "8.7 000200 CVSS-B"), or "x" when the package rejects
// the vector or it lacks a Base metric.
const { Cvss4P0 } = require(process.argv[2]);
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((l) => l.length > 0);
const out = lines.map((line) => {
  try {
    const vector = new Cvss4P0(line);
    if (!vector.isBaseFullyDefined()) return 'x';
    const score = vector.calculateScores().overall;
    return `${score.toFixed(1)} ${vector.getMacroVector().toString()} ${vector.getNomenclature()}`;
  } catch (e) {
    return 'x';
  }
});
process.stdout.write(out.join('\n') + '\n');
