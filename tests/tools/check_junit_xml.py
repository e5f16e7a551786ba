#!/usr/bin/python3
"""Checks JUnit XML files the way CI servers read them.

  check_junit_xml.py FILE...

Each file must be well-formed XML 1.0 (expat rejects unescaped markup and characters XML does
not allow), have a <testsuites> root whose tests/failures/errors/skipped attributes are the
sums over its <testsuite> children, and each <testsuite>'s counts must match its <testcase>
and <failure> elements. Prints "ok FILE suites=N tests=N failures=N" or the first problem;
exits 0 when every file passes, 1 otherwise.
"""
import sys
import xml.etree.ElementTree as ET


def check(path):
    root = ET.parse(path).getroot()
    if root.tag != "testsuites":
        return f"root element is <{root.tag}>, expected <testsuites>"
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in root:
        if suite.tag != "testsuite":
            return f"unexpected <{suite.tag}> under <testsuites>"
        cases = suite.findall("testcase")
        failures = sum(len(c.findall("failure")) for c in cases)
        if int(suite.get("tests", -1)) != len(cases):
            return f"suite {suite.get('name')}: tests={suite.get('tests')} but {len(cases)} testcases"
        if int(suite.get("failures", -1)) != failures:
            return f"suite {suite.get('name')}: failures={suite.get('failures')} but {failures}"
        for c in cases:
            if not c.get("name") or c.get("classname") is None:
                return f"suite {suite.get('name')}: testcase without name/classname"
        totals["tests"] += len(cases)
        totals["failures"] += failures
        for key in ("errors", "skipped"):
            totals[key] += int(suite.get(key, 0))
    for key, value in totals.items():
        if int(root.get(key, -1)) != value:
            return f"<testsuites {key}={root.get(key)}> but the suites add up to {value}"
    return f"suites={len(root)} tests={totals['tests']} failures={totals['failures']}"


def main():
    failed = False
    for path in sys.argv[1:]:
        try:
            result = check(path)
        except (ET.ParseError, OSError, ValueError) as e:
            result = f"not well-formed: {e}"
        ok = result.startswith("suites=")
        failed |= not ok
        print(f"{'ok' if ok else 'FAIL'} {path} {result}")
    return 1 if failed or len(sys.argv) < 2 else 0


if __name__ == "__main__":
    sys.exit(main())
