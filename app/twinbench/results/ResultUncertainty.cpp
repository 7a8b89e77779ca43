#include "results/ResultUncertainty.h"

#include "twinbench/sdk/ModuleMetadata.h"

#include <QJsonObject>

namespace twins::app {

ResultUncertainty resultUncertainty(const sdk::ResultSpec& spec) {
    const QJsonValue option = spec.options.value(QStringLiteral("uncertainty_layer"));
    if (option.isUndefined()) {
        return {};
    }
    const QJsonObject object = option.toObject();
    const QString variable = object.value(QStringLiteral("variable")).toString();
    const QString name = object.value(QStringLiteral("encoding")).toString().toLower();
    using Encoding = UncertaintyChoice::Encoding;
    auto choice = std::make_shared<UncertaintyChoice>();
    choice->variable = variable;
    if (name == QLatin1String("spread")) {
        choice->encoding = Encoding::Spread;
    } else if (name == QLatin1String("vsup")) {
        choice->encoding = Encoding::Vsup;
    } else if (name == QLatin1String("hatch")) {
        choice->encoding = Encoding::Hatch;
    } else if (name == QLatin1String("exceedance")) {
        choice->encoding = Encoding::Exceedance;
    } else {
        return {nullptr, QStringLiteral("result '%1': options.uncertainty_layer.encoding is '%2'; "
                                        "expected spread, vsup, hatch or exceedance")
                             .arg(spec.title, name)};
    }
    if (variable.isEmpty()) {
        return {nullptr, QStringLiteral("result '%1': options.uncertainty_layer names no variable")
                             .arg(spec.title)};
    }
    const QJsonValue threshold = object.value(QStringLiteral("threshold"));
    if (choice->needsThreshold()) {
        if (!threshold.isDouble()) {
            return {nullptr, QStringLiteral("result '%1': options.uncertainty_layer.threshold (a "
                                            "number) is needed for %2")
                                 .arg(spec.title, choice->encodingName())};
        }
        choice->threshold = threshold.toDouble();
    }
    return {choice, {}};
}

} // namespace twins::app
