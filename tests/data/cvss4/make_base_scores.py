#!/usr/bin/env python3
"""Builds base-scores.zst, the reference scores of every CVSS v4.0 Base vector.

Run once by a developer (not at test time): make_base_scores.py AE_CVSS_CALCULATOR_DIR OUT,
e.g. ~/.cache/portcullis-test/node_modules/ae-cvss-calculator (scripts/setup installs it).
Enumerates the 104,976 Base vectors (AV AC AT PR UI VC VI VA SC SI SA, in that order, each
metric's values in the order of BASE below, the last metric varying fastest), scores them with
tests/detector/vuln/reference/cvss4.js and writes one "SCORE MACROVECTOR" line per vector,
compressed with zstd. The test enumerates the vectors in the same order.
"""
import itertools
import os
import subprocess
import sys

BASE = [('AV', 'NALP'), ('AC', 'LH'), ('AT', 'NP'), ('PR', 'NLH'), ('UI', 'NPA'),
        ('VC', 'HLN'), ('VI', 'HLN'), ('VA', 'HLN'), ('SC', 'HLN'), ('SI', 'HLN'),
        ('SA', 'HLN')]


def main():
    module, out = sys.argv[1], sys.argv[2]
    vectors = ['CVSS:4.0/' + '/'.join(f'{m}:{v}' for (m, _), v in zip(BASE, combo))
               for combo in itertools.product(*[values for _, values in BASE])]
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          '../../detector/vuln/reference/cvss4.js')
    ref = subprocess.run(['node', script, module], input='\n'.join(vectors) + '\n',
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(ref) == len(vectors) and 'x' not in ref
    lines = [' '.join(line.split()[:2]) for line in ref]  # the nomenclature is always CVSS-B
    subprocess.run(['zstd', '-19', '-q', '-f', '-o', out], input='\n'.join(lines) + '\n',
                   text=True, check=True)


if __name__ == '__main__':
    main()
