"""The summary a passing scripts/test prints: tests per module from this run's Surefire and Failsafe
reports (those written after the run started), and the total. Usage: test-summary.py ROOT STAMP SECONDS LOG"""

import glob
import os
import sys
import xml.etree.ElementTree as ET


def main(root, stamp, seconds, log):
    since = os.path.getmtime(stamp)
    modules = {}
    for report in glob.glob(os.path.join(root, "**", "target", "*-reports", "TEST-*.xml"), recursive=True):
        if os.path.getmtime(report) < since:
            continue
        suite = ET.parse(report).getroot()
        module = os.path.relpath(report, root).split(os.sep + "target" + os.sep)[0]
        counts = modules.setdefault(module, [0, 0, 0, 0])
        for i, name in enumerate(("tests", "failures", "errors", "skipped")):
            counts[i] += int(suite.get(name, "0"))
    total = [sum(c[i] for c in modules.values()) for i in range(4)]
    width = max((len(m) for m in modules), default=10)
    for module in sorted(modules):
        tests, failures, errors, skipped = modules[module]
        print("  %-*s %5d tests%s" % (width, module, tests, ", %d skipped" % skipped if skipped else ""))
    seconds = int(seconds)
    print("PASSED: %d tests in %d modules, %d failed, %d skipped, in %d min %02d s (Maven's log: %s)"
          % (total[0], len(modules), total[1] + total[2], total[3], seconds // 60, seconds % 60, os.path.relpath(log, root)))
    return 1 if total[1] + total[2] else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
