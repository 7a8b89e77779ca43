"""Prints the calogan acceptance numbers from a validate run, a verdict per target, and draws
its figures: the shipped model (with its corrections) and the network alone side by side.

Usage: report.py RUNS_DIR TRAIN_RUN GENERATE_RUN VALIDATE_RUN OUT_DIR TRAIN_SET_RUN TEST_SET_RUN
                 NAME=VALUE...
The targets (NAME=VALUE) come from run-acceptance.sh, which fixes them (issues 7 and 23):
  max_sampling_fraction_error, max_profile_error, max_transverse_error, min_spread_ratio,
  max_spread_ratio, max_hits_error, max_classifier_auc, min_classifier_showers (per class),
  alone_max_sampling_fraction_error, alone_max_profile_error (the network alone).
A target not given is not judged. The validate run's third input is the network alone; without
it the network-alone targets are missed (not judged vacuously).
Exit status 0 when every target given is met, 3 when one is missed (1 is Python's own failure).
"""
import csv
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

if len(sys.argv) < 8:
    sys.exit(__doc__)
runs, train, generate, validate, out, train_set, test_set = sys.argv[1:8]
targets = {}
for item in sys.argv[8:]:
    name, _, value = item.partition("=")
    targets[name] = float(value)
max_sf_error = targets.get("max_sampling_fraction_error", math.inf)
max_profile_error = targets.get("max_profile_error", math.inf)


def metrics(run):
    values = {}
    for line in open(os.path.join(runs, run, "metrics.jsonl")):
        if line.strip():
            point = json.loads(line)
            values[point["name"]] = point["value"]
    return values


def showers(run):
    spec = json.load(open(os.path.join(runs, run, "spec.json")))
    return spec.get("parameters", {}).get("events", 0)


cpu = {"simulate (training set)": showers(train_set) / metrics(train_set)["events_per_cpu_second"],
       "simulate (test set)": showers(test_set) / metrics(test_set)["events_per_cpu_second"],
       "train": metrics(train)["training_cpu_seconds"]}
gan_rate = metrics(generate)
per_condition = json.load(open(os.path.join(runs, generate, "spec.json"))).get(
    "parameters", {}).get("showers_per_condition", 1)
cpu["generate (GAN only)"] = (showers(test_set) * per_condition /
                              gan_rate["showers_per_cpu_second"])
print("CPU time of the compute: " + ", ".join("%s %.0f s" % item for item in cpu.items()))
print("generated showers/s (generate, batch 128): %.1f wall, %.1f per CPU second" % (
    gan_rate["showers_per_second"], gan_rate["showers_per_cpu_second"]))
report = json.load(open(os.path.join(runs, validate, "outputs", "metrics.json")))
model = json.load(open(os.path.join(runs, train, "outputs", "model.json")))

print("model: %s" % model["description"])
print("  held-out metrics of the kept generator: %s" % json.dumps(model["metrics"]))
print()
alone = report.get("network_alone")
samples = [("shipped model", report["bins"])] + ([("network alone", alone["bins"])] if alone else [])


def relative_error(candidate, reference):
    """|c - r| / r; infinite when it cannot be computed, so a NaN or an empty sample misses."""
    error = abs(candidate - reference) / reference if reference > 0 else math.inf
    return error if math.isfinite(error) else math.inf


def number(value):
    """A metric from JSON (null -> NaN)."""
    return math.nan if value is None else float(value)


def sampling_and_profile(label, bins, max_sf, max_profile):
    """Prints the per-bin sampling fraction and longitudinal profile; returns the worst of
    each. A bin without showers on either side, or no bins at all, is a miss."""
    worst_sf = worst_layer = 0.0 if bins else math.inf
    print("%s: sampling fraction per energy bin (test set: independent seed)" % label)
    print("  bin (GeV)    showers (ref, gen)  reference   generated  rel. error  target %g%%" %
          (100 * max_sf))
    for b in bins:
        r, c = b["reference"], b["candidate"]
        error = relative_error(c["sampling_fraction"], r["sampling_fraction"])
        if r["showers"] == 0 or c["showers"] == 0:
            error = math.inf
        worst_sf = max(worst_sf, error)
        print("  %5.0f-%-5.0f  %5d %6d          %.6f   %.6f   %6.2f%%     %s" % (
            b["energy_low_gev"], b["energy_high_gev"], r["showers"], c["showers"],
            r["sampling_fraction"], c["sampling_fraction"], 100 * error,
            "met" if error <= max_sf else "MISSED"))
    print("%s: longitudinal profile per layer over the layers holding 95%% of the reference "
          "energy" % label)
    for b in bins:
        r = b["reference"]["longitudinal_profile_gev"]
        c = b["candidate"]["longitudinal_profile_gev"]
        first, last = b["core_layers"]
        errors = [relative_error(c[l], r[l]) for l in range(first, last + 1)] or [math.inf]
        worst_layer = max(worst_layer, max(errors))
        print("  %3.0f-%3.0f GeV, layers %d-%d: max %5.1f%%, mean %4.1f%%  %s" % (
            b["energy_low_gev"], b["energy_high_gev"], first, last, 100 * max(errors),
            100 * sum(errors) / len(errors),
            "met" if max(errors) <= max_profile else "MISSED"))
        print("     layer: " + " ".join("%5d" % l for l in range(first, last + 1)))
        print("     gen/ref: " + " ".join("%5.2f" % (c[l] / r[l] if r[l] > 0 else math.nan)
                                          for l in range(first, last + 1)))
    print()
    return worst_sf, worst_layer


worst_sf, worst_layer = sampling_and_profile("shipped model", report["bins"], max_sf_error,
                                             max_profile_error)
alone_sf = alone_layer = math.inf
if alone:
    alone_sf, alone_layer = sampling_and_profile(
        "network alone", alone["bins"],
        targets.get("alone_max_sampling_fraction_error", math.inf),
        targets.get("alone_max_profile_error", math.inf))

# The other observables per bin, both samples side by side.
print("per 20 GeV bin, shipped model | network alone:")
print("  bin (GeV)   transverse      spread ratio (95% layers)    correlation diff.  "
      "hits error      classifier AUC")


def both(parts, key, fmt):
    return " | ".join(fmt % number(x[key]) for x in parts)


for i, b in enumerate(report["bins"]):
    parts = [bins[i] for _, bins in samples]
    print("  %3.0f-%3.0f   %s   %s   %s   %s   %s" % (
        b["energy_low_gev"], b["energy_high_gev"], both(parts, "transverse_profile_error", "%5.3f"),
        " | ".join("%.2f-%.2f" % (number(x["spread_ratio_min"]), number(x["spread_ratio_max"]))
                   for x in parts),
        both(parts, "layer_correlation_max_difference", "%5.3f"), both(parts, "hits_error", "%5.3f"),
        both(parts, "classifier_auc", "%5.3f")))
classifiers = [("shipped model", report.get("classifier", {}))]
if alone:
    classifiers.append(("network alone", alone.get("classifier", {})))
for label, c in classifiers:
    if "auc" in c:
        split = c["showers_per_class"]
        print("classifier, %s: AUC %.4f on %d + %d held-out showers (%d features; trained on %d, "
              "early stopping on %d per class; best epoch %d of %d)" % (
                  label, number(c["auc"]), split["test"], split["test"], c["features"],
                  split["train"], split["validation"], c["best_epoch"], c["epochs"]))
    else:
        print("classifier, %s: not made (%s)" % (label, c.get("not_made", "no result")))
speed = {k: v for k, v in model["metrics"].items() if k.startswith(("gan_showers", "cascade",
                                                                     "speedup"))}
if speed:
    print("speed-up against the cascade reference (train's measurement, one thread each, GAN "
          "batch 128):")
    for energy in (10, 100, 200):
        key = "_%dgev" % energy
        if "speedup_vs_cascade" + key in speed:
            print("  %3d GeV: GAN %.2f, cascade %.3f showers per CPU second: %.1fx" % (
                energy, speed["gan_showers_per_cpu_second" + key],
                speed["cascade_showers_per_cpu_second" + key], speed["speedup_vs_cascade" + key]))
print()

# Figures: profiles with ratio panels, sampling fraction per bin, spread bands, training.
bins = report["bins"]
figure, axes = plt.subplots(2, len(bins), figsize=(3.2 * len(bins), 5.5), sharex=True,
                            gridspec_kw={"height_ratios": [3, 1]}, squeeze=False)
for i, b in enumerate(bins):
    r = b["reference"]["longitudinal_profile_gev"]
    c = b["candidate"]["longitudinal_profile_gev"]
    layers = range(len(r))
    axes[0][i].step(layers, r, where="mid", label="reference (MC)")
    axes[0][i].step(layers, c, where="mid", label="GAN (shipped)")
    if alone:
        a = alone["bins"][i]["candidate"]["longitudinal_profile_gev"]
        axes[0][i].step(layers, a, where="mid", label="network alone")
        axes[1][i].plot(layers, [av / rv if rv > 0 else float("nan") for av, rv in zip(a, r)],
                        ".-", color="tab:green")
    axes[0][i].set_yscale("log")
    axes[0][i].set_title("%.0f-%.0f GeV" % (b["energy_low_gev"], b["energy_high_gev"]))
    first, last = b["core_layers"]
    for a in (axes[0][i], axes[1][i]):
        a.axvspan(first - 0.5, last + 0.5, color="0.92", zorder=0)
    axes[1][i].plot(layers, [cv / rv if rv > 0 else float("nan") for cv, rv in zip(c, r)], ".-")
    axes[1][i].axhspan(0.9, 1.1, color="tab:green", alpha=0.15)
    axes[1][i].set_ylim(0.6, 1.4)
    axes[1][i].set_xlabel("layer (X0)")
axes[0][0].set_ylabel("mean GeV per layer")
axes[1][0].set_ylabel("GAN / ref")
axes[0][0].legend(fontsize=8)
figure.tight_layout()
figure.savefig(os.path.join(out, "longitudinal_profiles.png"), dpi=90)

figure, axis = plt.subplots(figsize=(5, 3.5))
centres = [(b["energy_low_gev"] + b["energy_high_gev"]) / 2 for b in bins]
for key, label, shift in (("reference", "reference (MC)", -1), ("candidate", "GAN", 1)):
    axis.errorbar([x + shift for x in centres], [b[key]["sampling_fraction"] for b in bins],
                  yerr=[b[key]["sampling_fraction_spread"] for b in bins], fmt="o", capsize=3,
                  label=label)
axis.set_xlabel("primary energy (GeV)")
axis.set_ylabel("deposited / primary (mean, shower spread)")
axis.legend()
figure.tight_layout()
figure.savefig(os.path.join(out, "sampling_fraction.png"), dpi=90)

spread_path = os.path.join(runs, generate, "outputs", "spread.csv")
if os.path.exists(spread_path):
    rows = list(csv.DictReader(open(spread_path)))
    conditions = sorted({row["condition"] for row in rows}, key=lambda s: float(s.split("GeV")[0]))
    figure, axes = plt.subplots(2, len(conditions), figsize=(3.4 * len(conditions), 5.5),
                                sharex=True, gridspec_kw={"height_ratios": [3, 1]}, squeeze=False)
    for i, condition in enumerate(conditions):
        part = [row for row in rows if row["condition"] == condition]
        layer = [int(row["layer"]) for row in part]
        for prefix, colour in (("reference", "tab:blue"), ("gan", "tab:orange")):
            axes[0][i].fill_between(layer, [float(row[prefix + "_p16"]) for row in part],
                                    [float(row[prefix + "_p84"]) for row in part], color=colour,
                                    alpha=0.3, step="mid")
            axes[0][i].step(layer, [float(row[prefix + "_mean"]) for row in part], where="mid",
                            color=colour, label=prefix)
        axes[0][i].set_yscale("log")
        axes[0][i].set_title(condition.replace("_", ", "))
        axes[1][i].plot(layer, [float(row["std_ratio"] or "nan") for row in part], ".-")
        axes[1][i].axhline(1.0, color="0.5")
        # Log scale: an over-dispersed GAN is several times the reference's spread, which a
        # linear 0-2 axis cut off.
        axes[1][i].set_yscale("log")
        axes[1][i].set_ylim(0.1, 30)
        axes[1][i].set_xlabel("layer (X0)")
    axes[0][0].set_ylabel("GeV in the layer (mean, 16-84%)")
    axes[1][0].set_ylabel("std GAN / ref")
    axes[0][0].legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(os.path.join(out, "spread.png"), dpi=90)

history_path = os.path.join(runs, train, "outputs", "validation_history.csv")
rows = list(csv.DictReader(open(history_path)))
figure, axis = plt.subplots(figsize=(6, 3.5))
minutes = [float(row["seconds"]) / 60 for row in rows]
for key in ("sampling_fraction_error", "longitudinal_profile_error",
            "longitudinal_profile_max_error"):
    axis.plot(minutes, [float(row[key] or "nan") for row in rows], label=key.replace("_", " "))
axis.axhline(0.05, color="0.6", ls=":")
axis.axhline(0.10, color="0.6", ls="--")
axis.set_yscale("log")
axis.set_xlabel("training time (min)")
axis.set_ylabel("held-out relative error")
axis.legend(fontsize=8)
figure.tight_layout()
figure.savefig(os.path.join(out, "training.png"), dpi=90)
print("figures: " + ", ".join(os.path.join(out, name) for name in (
    "longitudinal_profiles.png", "sampling_fraction.png", "spread.png", "training.png")))
print()
print("verdict (targets fixed in run-acceptance.sh):")
summary = report["metrics"]
verdicts = []


def judge(text, value, limit, at_most=True):
    """One target: value against limit; a NaN or missing value misses."""
    if limit is None:
        return
    met = math.isfinite(value) and (value <= limit if at_most else value >= limit)
    verdicts.append(met)
    print("  %s: %s, target %s %g: %s" % (text, "%.4g" % value, "<=" if at_most else ">=", limit,
                                          "met" if met else "MISSED"))


def metric(name):
    return number(summary.get(name))


judge("sampling fraction, worst bin", worst_sf, targets.get("max_sampling_fraction_error"))
judge("longitudinal profile, worst layer of the worst bin", worst_layer,
      targets.get("max_profile_error"))
judge("transverse profile, worst bin", metric("transverse_profile_max_error"),
      targets.get("max_transverse_error"))
judge("spread ratio, smallest over the 95% layers of every bin", metric("spread_ratio_min"),
      targets.get("min_spread_ratio"), at_most=False)
judge("spread ratio, largest over the 95% layers of every bin", metric("spread_ratio_max"),
      targets.get("max_spread_ratio"))
judge("hit multiplicity, worst bin", metric("hits_max_error"), targets.get("max_hits_error"))
judge("classifier AUC (held-out showers, all bins)", metric("classifier_auc"),
      targets.get("max_classifier_auc"))
shipped_classifier = report.get("classifier", {}).get("showers_per_class", {})
judge("classifier showers per class (train + validation + held-out)",
      float(sum(shipped_classifier.get(k, 0) for k in ("train", "validation", "test"))),
      targets.get("min_classifier_showers"), at_most=False)
judge("network alone: sampling fraction, worst bin", alone_sf,
      targets.get("alone_max_sampling_fraction_error"))
judge("network alone: longitudinal profile, worst layer of the worst bin", alone_layer,
      targets.get("alone_max_profile_error"))
sys.exit(0 if all(verdicts) else 3)
