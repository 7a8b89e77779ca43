"""Prints the calogan acceptance numbers from a validate run, a verdict per target, and draws
its figures.

Usage: report.py RUNS_DIR TRAIN_RUN GENERATE_RUN VALIDATE_RUN OUT_DIR TRAIN_SET_RUN TEST_SET_RUN
                 MAX_SAMPLING_FRACTION_ERROR MAX_PROFILE_ERROR
The targets come from run-acceptance.sh, which fixes them (issue 7: mean sampling fraction
within 5% of the reference in every energy bin; the longitudinal profile within 10% in every
layer of the region holding 95% of the energy).
Exit status 0 when both are met in every bin, 3 when one is missed (1 is Python's own failure).
"""
import csv
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

if len(sys.argv) != 10:
    sys.exit(__doc__)
runs, train, generate, validate, out, train_set, test_set = sys.argv[1:8]
max_sf_error, max_profile_error = float(sys.argv[8]), float(sys.argv[9])


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
print("GAN showers/s (generate, batch 128): %.1f wall, %.1f per CPU second" % (
    gan_rate["showers_per_second"], gan_rate["showers_per_cpu_second"]))
report = json.load(open(os.path.join(runs, validate, "outputs", "metrics.json")))
model = json.load(open(os.path.join(runs, train, "outputs", "model.json")))

print("model: %s" % model["description"])
print("  held-out metrics of the kept generator: %s" % json.dumps(model["metrics"]))
print()
summary = report["metrics"]
print("observables the calibration does not touch (validate, all bins): transverse profile error "
      "%.3f, relative moment error %.3f, barycentre angle error %.4f rad; hit multiplicity error "
      "per bin %s" % (summary["transverse_profile_error"], summary["relative_moment_error"],
                      summary["angle_error_rad"],
                      ", ".join("%.3f" % b["hits_error"] for b in report["bins"])))
print()
print("sampling fraction per energy bin (test set: independent seed)")
print("  bin (GeV)    showers (ref, GAN)  reference   GAN        rel. error  target %g%%" %
      (100 * max_sf_error))


def relative_error(candidate, reference):
    """|c - r| / r; infinite when it cannot be computed, so a NaN or an empty sample misses."""
    error = abs(candidate - reference) / reference if reference > 0 else math.inf
    return error if math.isfinite(error) else math.inf


# A bin without showers on either side, or no bins at all, is a miss, never a vacuous pass.
worst_sf = worst_layer = 0.0 if report["bins"] else math.inf
for b in report["bins"]:
    r, c = b["reference"], b["candidate"]
    error = relative_error(c["sampling_fraction"], r["sampling_fraction"])
    if r["showers"] == 0 or c["showers"] == 0:
        error = math.inf
    worst_sf = max(worst_sf, error)
    print("  %5.0f-%-5.0f  %5d %6d          %.6f   %.6f   %6.2f%%     %s" % (
        b["energy_low_gev"], b["energy_high_gev"], r["showers"], c["showers"],
        r["sampling_fraction"],
        c["sampling_fraction"], 100 * error, "met" if error <= max_sf_error else "MISSED"))
print()
print("longitudinal profile per layer over the layers holding 95% of the reference energy")
for b in report["bins"]:
    r = b["reference"]["longitudinal_profile_gev"]
    c = b["candidate"]["longitudinal_profile_gev"]
    first, last = b["core_layers"]
    errors = [relative_error(c[l], r[l]) for l in range(first, last + 1)] or [math.inf]
    worst_layer = max(worst_layer, max(errors))
    print("  %3.0f-%3.0f GeV, layers %d-%d: max %5.1f%%, mean %4.1f%%  %s" % (
        b["energy_low_gev"], b["energy_high_gev"], first, last, 100 * max(errors),
        100 * sum(errors) / len(errors),
        "met" if max(errors) <= max_profile_error else "MISSED"))
    print("     layer: " + " ".join("%5d" % l for l in range(first, last + 1)))
    print("     GAN/ref: " + " ".join("%5.2f" % (c[l] / r[l] if r[l] > 0 else math.nan)
                                      for l in range(first, last + 1)))
print()
sf_met, profile_met = worst_sf <= max_sf_error, worst_layer <= max_profile_error

# Figures: profiles with ratio panels, sampling fraction per bin, spread bands, training.
bins = report["bins"]
figure, axes = plt.subplots(2, len(bins), figsize=(3.2 * len(bins), 5.5), sharex=True,
                            gridspec_kw={"height_ratios": [3, 1]}, squeeze=False)
for i, b in enumerate(bins):
    r = b["reference"]["longitudinal_profile_gev"]
    c = b["candidate"]["longitudinal_profile_gev"]
    layers = range(len(r))
    axes[0][i].step(layers, r, where="mid", label="reference (MC)")
    axes[0][i].step(layers, c, where="mid", label="GAN")
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
print("  sampling fraction, worst bin: %.2f%%, target <= %g%% in every bin: %s" % (
    100 * worst_sf, 100 * max_sf_error, "met" if sf_met else "MISSED"))
print("  longitudinal profile, worst layer of the worst bin: %.1f%%, target <= %g%%: %s" % (
    100 * worst_layer, 100 * max_profile_error, "met" if profile_met else "MISSED"))
sys.exit(0 if sf_met and profile_met else 3)
