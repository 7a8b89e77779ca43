"""One table of every bench's targets, read from the JSON files the benches write.

Usage: bench-table.py BENCH_DIR TEST_NAME...
  BENCH_DIR   where the benches wrote NAME.json (<build>/bench)
  TEST_NAME   the ctest names of the benches expected to have run (bench_NAME writes NAME.json,
              or NAME_PART.json for each of several measurements)
Every target is a ratio of the measured side to a peer measured in the same run
(tests/bench/BenchTargets.h). Exit status 1 when any target was missed or any bench wrote no
JSON (it failed before measuring, or did not run), 0 otherwise.
"""
import glob
import json
import os
import sys


def number(value):
    if value is None:
        return "n/a"
    return "%.4g" % value


def read(test, path, rows, failed):
    """Adds the targets of one JSON result to the table's rows and its misses to failed."""
    try:
        with open(path) as file:
            result = json.load(file)
    except (OSError, ValueError) as error:
        rows.append((test, "-", "-", "-", "-", "-", "NO JSON"))
        failed.append("%s: no result in %s (%s)" % (test, path, error))
        return
    if result.get("handicap", 1) != 1:
        failed.append("%s: measured with TWINBENCH_BENCH_HANDICAP=%s, not a real result" %
                      (test, result["handicap"]))
    targets = result.get("targets", [])
    if not targets:
        rows.append((test, "-", "-", "-", "-", "-", "NO TARGET"))
        failed.append("%s: %s states no target" % (test, path))
    for target in targets:
        ok = bool(target.get("pass"))
        unit = target.get("unit", "")
        rows.append((test, target.get("name", "?"),
                     "%s %s" % (number(target.get("measured")), unit),
                     "%s %s" % (number(target.get("peer")), unit),
                     number(target.get("ratio")), target.get("target", "?"),
                     "met" if ok else "MISSED"))
        if not ok:
            failed.append("%s, %s: ratio %s, target %s (%s against %s)" % (
                test, target.get("name"), number(target.get("ratio")), target.get("target"),
                target.get("measured_what"), target.get("peer_what")))


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    directory, tests = sys.argv[1], sys.argv[2:]
    rows, failed = [], []
    for test in tests:
        name = test[len("bench_"):] if test.startswith("bench_") else test
        # bench_NAME writes NAME.json, or one NAME_PART.json per measurement when it makes
        # several (bench_pulsar: pulsar_classifier.json, pulsar_dedispersion.json).
        path = os.path.join(directory, name + ".json")
        paths = [path] if os.path.exists(path) else sorted(
            glob.glob(os.path.join(directory, glob.escape(name) + "_*.json")))
        if not paths:
            rows.append((test, "-", "-", "-", "-", "-", "NO JSON"))
            failed.append("%s: no result in %s (nor %s_*.json)" % (test, path, name))
            continue
        for path in paths:
            read(test, path, rows, failed)
    header = ("bench", "target", "measured", "peer", "ratio", "needs", "verdict")
    widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(len(header))]
    line = "  ".join("%-*s" % (widths[i], header[i]) for i in range(len(header)))
    print()
    print("Bench targets (ratio = measured / peer, both measured in the same run)")
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join("%-*s" % (widths[i], row[i]) for i in range(len(row))))
    print()
    if failed:
        print("%d problem(s):" % len(failed))
        for problem in failed:
            print("  " + problem)
        return 1
    print("all %d bench(es) met their targets" % len(tests))
    return 0


if __name__ == "__main__":
    sys.exit(main())
