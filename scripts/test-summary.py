#!/usr/bin/env python3
"""Prints one closing line for a meson test run: 'summary: N passed, N failed, N skipped'.

Counts the TAP results inside each test (GTest and the other TAP suites
report many subtests per meson test); a test without TAP lines counts once,
by its meson result.
"""
import json
import re
import sys

TAP_LINE = re.compile(r"^(not ok|ok)\b(.*)$")

passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        test = json.loads(line)
        results = [TAP_LINE.match(l) for l in test.get("stdout", "").splitlines()]
        results = [m for m in results if m]
        if not results:
            if test["result"] == "OK":
                passed += 1
            elif test["result"] == "SKIP":
                skipped += 1
            else:
                failed += 1
            continue
        for m in results:
            if "# SKIP" in m.group(2).upper():
                skipped += 1
            elif m.group(1) == "ok":
                passed += 1
            else:
                failed += 1
        # A test that crashed after its last TAP line failed too.
        if test["result"] not in ("OK", "SKIP") and not any(m.group(1) == "not ok" for m in results):
            failed += 1

print(f"summary: {passed} passed, {failed} failed, {skipped} skipped")
