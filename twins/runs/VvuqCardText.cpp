// The VVUQ card as readable text: the same content as its JSON, in the order a reviewer asks
// (what model, trained on what, where it holds, what it cost, how it was validated, the verdict).
#include "twinbench/runs/VvuqCard.h"

#include <QJsonArray>
#include <QStringList>

namespace twins::runs {

namespace {

QString keyValues(const QJsonObject& object) {
    QStringList parts;
    for (auto it = object.begin(); it != object.end(); ++it) {
        parts << QStringLiteral("%1=%2").arg(it.key(), vvuqValueText(it.value()));
    }
    return parts.join(QStringLiteral(", "));
}

void appendInputs(QStringList& lines, const QJsonArray& inputs, const QString& indent) {
    if (inputs.isEmpty()) {
        lines << indent + QStringLiteral("(no inputs)");
    }
    for (const QJsonValue& value : inputs) {
        const QJsonObject input = value.toObject();
        const QJsonObject code = input.value(QStringLiteral("code")).toObject();
        if (input.contains(QStringLiteral("run"))) {
            lines << indent +
                         QStringLiteral("run %1 (%2 %3, %4; %5; Twinbench %6 %7)")
                             .arg(input.value(QStringLiteral("run")).toString(),
                                  input.value(QStringLiteral("module")).toString(),
                                  input.value(QStringLiteral("action")).toString(),
                                  input.value(QStringLiteral("state")).toString(),
                                  keyValues(input.value(QStringLiteral("parameters")).toObject()),
                                  code.value(QStringLiteral("twinbench")).toString(),
                                  code.value(QStringLiteral("git")).toString());
        } else {
            lines << indent + QStringLiteral("file %1").arg(
                                  input.value(QStringLiteral("input")).toString());
        }
        const QJsonArray files = input.value(QStringLiteral("files")).toArray();
        if (files.isEmpty()) {
            lines << indent + QStringLiteral("  (no recorded hash: no prov.json)");
        }
        for (const QJsonValue& file : files) {
            lines << indent + QStringLiteral("  %1  sha256 %2")
                                  .arg(file.toObject().value(QStringLiteral("path")).toString(),
                                       file.toObject().value(QStringLiteral("sha256")).toString());
        }
    }
}

void appendChecks(QStringList& lines, const QJsonArray& checks, const QString& indent) {
    if (checks.isEmpty()) {
        lines << indent + QStringLiteral("(no metrics)");
    }
    for (const QJsonValue& value : checks) {
        const QJsonObject check = value.toObject();
        lines << indent + QStringLiteral("%1 %2 %3 %4")
                              .arg(check.value(QStringLiteral("metric")).toString(), -28)
                              .arg(check.contains(QStringLiteral("value"))
                                       ? vvuqNumberText(check.value(QStringLiteral("value")))
                                       : QStringLiteral("-"),
                                   -10)
                              .arg(check.value(QStringLiteral("threshold")).toString(), -28)
                              .arg(check.value(QStringLiteral("verdict")).toString().toUpper());
    }
}

} // namespace

QString vvuqNumberText(const QJsonValue& value) {
    return QString::number(value.toDouble(), 'g', 4);
}

QString vvuqValueText(const QJsonValue& value) {
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue& item : value.toArray()) {
            parts << vvuqValueText(item);
        }
        return QStringLiteral("[%1]").arg(parts.join(QStringLiteral(", ")));
    }
    if (value.isDouble()) {
        return vvuqNumberText(value);
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    if (value.isString()) {
        return value.toString();
    }
    return value.isNull() ? QStringLiteral("null") : QStringLiteral("{...}");
}

QString vvuqCardText(const QJsonObject& card) {
    QStringList lines;
    const QJsonObject model = card.value(QStringLiteral("model")).toObject();
    const QJsonObject code = card.value(QStringLiteral("code")).toObject();
    lines << QStringLiteral("VVUQ card of model %1 (%2 %3, %4)")
                 .arg(model.value(QStringLiteral("run")).toString(),
                      model.value(QStringLiteral("module")).toString(),
                      model.value(QStringLiteral("action")).toString(),
                      model.value(QStringLiteral("created")).toString());
    if (!model.value(QStringLiteral("description")).toString().isEmpty()) {
        lines << QStringLiteral("  ") + model.value(QStringLiteral("description")).toString();
    }
    lines << QStringLiteral("  weights: %1; passed its own acceptance in training: %2")
                 .arg(vvuqValueText(model.value(QStringLiteral("weights"))),
                      model.value(QStringLiteral("validated")).toBool() ? QStringLiteral("yes")
                                                                        : QStringLiteral("no"));
    lines << QStringLiteral("  parameters: %1")
                 .arg(keyValues(model.value(QStringLiteral("parameters")).toObject()));
    lines << QStringLiteral("Code: Twinbench %1 (git %2)%3")
                 .arg(code.value(QStringLiteral("twinbench")).toString(),
                      code.value(QStringLiteral("git")).toString(),
                      code.value(QStringLiteral("torch")).toString().isEmpty()
                          ? QString()
                          : QStringLiteral(", LibTorch ") +
                                code.value(QStringLiteral("torch")).toString());

    const QJsonObject data = card.value(QStringLiteral("training_data")).toObject();
    lines << QStringLiteral("Training data:");
    appendInputs(lines, data.value(QStringLiteral("inputs")).toArray(), QStringLiteral("  "));
    if (!data.value(QStringLiteral("details")).toObject().isEmpty()) {
        lines << QStringLiteral("  ") + keyValues(data.value(QStringLiteral("details")).toObject());
    }
    const QJsonObject domain = card.value(QStringLiteral("training_domain")).toObject();
    lines << QStringLiteral("Training domain (trust its predictions inside it only):");
    if (domain.isEmpty()) {
        lines << QStringLiteral("  (the model declares none)");
    }
    for (auto it = domain.begin(); it != domain.end(); ++it) {
        lines << QStringLiteral("  %1: %2").arg(it.key(), vvuqValueText(it.value()));
    }
    const QJsonObject cost = card.value(QStringLiteral("training_cost")).toObject();
    lines << QStringLiteral(
                 "Training cost: %1 CPU hours (%2 CPU s, %3 s wall; threads %4, steps %5)")
                 .arg(vvuqNumberText(cost.value(QStringLiteral("cpu_hours"))),
                      vvuqNumberText(cost.value(QStringLiteral("cpu_seconds"))),
                      vvuqNumberText(cost.value(QStringLiteral("wall_seconds"))),
                      vvuqValueText(cost.value(QStringLiteral("threads"))),
                      vvuqValueText(cost.value(QStringLiteral("steps"))));
    if (cost.contains(QStringLiteral("energy_wh"))) {
        lines << QStringLiteral("  energy estimate: %1 Wh = %2")
                     .arg(vvuqNumberText(cost.value(QStringLiteral("energy_wh"))),
                          cost.value(QStringLiteral("energy_basis")).toString());
    } else {
        lines << QStringLiteral("  energy estimate: none (model.json records no CPU time)");
    }

    const QJsonArray thresholds = card.value(QStringLiteral("thresholds")).toArray();
    lines << QStringLiteral("Fit-for-purpose thresholds (the twin's metadata):");
    if (thresholds.isEmpty()) {
        lines << QStringLiteral("  (none)");
    }
    for (const QJsonValue& value : card.value(QStringLiteral("fit_for_purpose"))
                                       .toObject()
                                       .value(QStringLiteral("thresholds"))
                                       .toArray()) {
        const QJsonObject threshold = value.toObject();
        lines << QStringLiteral("  %1 from %2: %3")
                     .arg(threshold.value(QStringLiteral("threshold")).toString(),
                          threshold.value(QStringLiteral("from")).toString(),
                          threshold.value(QStringLiteral("why")).toString());
    }
    lines << QStringLiteral("Held-out metrics (the model's own, from training):");
    appendChecks(
        lines,
        card.value(QStringLiteral("held_out")).toObject().value(QStringLiteral("checks")).toArray(),
        QStringLiteral("  "));
    const QJsonArray validations = card.value(QStringLiteral("validations")).toArray();
    lines
        << QStringLiteral("Validation runs downstream of the model (%1):").arg(validations.size());
    if (validations.isEmpty()) {
        lines << QStringLiteral("  (none)");
    }
    for (const QJsonValue& value : validations) {
        const QJsonObject run = value.toObject();
        const QJsonObject via = run.value(QStringLiteral("via")).toObject();
        lines << QStringLiteral("  run %1 (%2 %3, %4, %5)%6")
                     .arg(run.value(QStringLiteral("run")).toString(),
                          run.value(QStringLiteral("module")).toString(),
                          run.value(QStringLiteral("action")).toString(),
                          run.value(QStringLiteral("state")).toString(),
                          run.value(QStringLiteral("created")).toString(),
                          via.isEmpty()
                              ? QStringLiteral(", consumes the model directly")
                              : QStringLiteral(", via %1 run %2 (%3)")
                                    .arg(via.value(QStringLiteral("action")).toString(),
                                         via.value(QStringLiteral("run")).toString(),
                                         keyValues(
                                             via.value(QStringLiteral("parameters")).toObject())));
        const QJsonObject domain = run.value(QStringLiteral("domain")).toObject();
        if (!domain.value(QStringLiteral("recorded")).toBool()) {
            lines << QStringLiteral("    training domain: not recorded by this run");
        } else if (domain.value(QStringLiteral("inside")).toBool()) {
            lines << QStringLiteral("    training domain: inside");
        } else {
            QStringList departures;
            for (const QJsonValue& item : domain.value(QStringLiteral("departures")).toArray()) {
                const QJsonObject departure = item.toObject();
                departures << QStringLiteral("%1 requested %2, trained %3")
                                  .arg(departure.value(QStringLiteral("dimension")).toString(),
                                       departure.value(QStringLiteral("requested")).toString(),
                                       departure.value(QStringLiteral("trained")).toString());
            }
            lines << QStringLiteral("    OUTSIDE THE TRAINING DOMAIN: ") +
                         departures.join(QStringLiteral("; "));
        }
        lines << QStringLiteral("    validation set (its inputs):");
        appendInputs(lines, run.value(QStringLiteral("inputs")).toArray(),
                     QStringLiteral("      "));
        appendChecks(lines, run.value(QStringLiteral("checks")).toArray(), QStringLiteral("    "));
    }
    const QJsonArray calibration = card.value(QStringLiteral("calibration")).toArray();
    lines << QStringLiteral("Calibration of probabilistic outputs (expected calibration error):");
    if (calibration.isEmpty()) {
        lines << QStringLiteral("  (no validation run reports one)");
    }
    for (const QJsonValue& value : calibration) {
        const QJsonObject check = value.toObject();
        lines << QStringLiteral("  %1 = %2 (run %3)%4")
                     .arg(check.value(QStringLiteral("metric")).toString(),
                          vvuqNumberText(check.value(QStringLiteral("value"))),
                          check.value(QStringLiteral("run")).toString(),
                          check.contains(QStringLiteral("reliability"))
                              ? QStringLiteral("; reliability diagram: ") +
                                    check.value(QStringLiteral("reliability")).toString()
                              : QString());
    }
    const QJsonObject fitness = card.value(QStringLiteral("fit_for_purpose")).toObject();
    lines << QStringLiteral("Verdict: %1")
                 .arg(fitness.value(QStringLiteral("verdict")).toString().toUpper());
    for (const QJsonValue& value : fitness.value(QStringLiteral("thresholds")).toArray()) {
        const QJsonObject threshold = value.toObject();
        QStringList passing;
        for (const QJsonValue& run : threshold.value(QStringLiteral("passing_runs")).toArray()) {
            passing << (run.toString() == model.value(QStringLiteral("run")).toString()
                            ? QStringLiteral("the model's held-out metrics")
                            : QStringLiteral("run ") + run.toString());
        }
        lines << QStringLiteral("  %1 (from %2): %3%4")
                     .arg(threshold.value(QStringLiteral("threshold")).toString(),
                          threshold.value(QStringLiteral("from")).toString(),
                          threshold.value(QStringLiteral("verdict")).toString(),
                          passing.isEmpty()
                              ? QString()
                              : QStringLiteral(", on ") + passing.join(QStringLiteral(", ")));
    }
    for (const QJsonValue& reason : fitness.value(QStringLiteral("reasons")).toArray()) {
        lines << QStringLiteral("  - ") + reason.toString();
    }
    for (const QJsonValue& problem : card.value(QStringLiteral("problems")).toArray()) {
        lines << QStringLiteral("Skipped (unreadable): ") + problem.toString();
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace twins::runs
