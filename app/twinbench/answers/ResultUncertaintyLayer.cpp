#include "answers/ResultUncertaintyLayer.h"

#include "twinbench/sdk/ModuleMetadata.h"

#include <QJsonObject>

namespace twins::app {

ResultUncertaintyLayer resultUncertaintyLayer(const sdk::ResultSpec& spec) {
    const QJsonValue option = spec.options.value(QStringLiteral("uncertainty_layer"));
    if (option.isUndefined()) {
        return {};
    }
    const QJsonObject object = option.toObject();
    const QString name = object.value(QStringLiteral("encoding")).toString().toLower();
    using Encoding = FigureRequest::Encoding;
    ResultUncertaintyLayer layer;
    layer.variable = object.value(QStringLiteral("variable")).toString();
    Encoding encoding = Encoding::None;
    if (name == QLatin1String("spread")) {
        encoding = Encoding::Spread;
    } else if (name == QLatin1String("vsup")) {
        encoding = Encoding::Vsup;
    } else if (name == QLatin1String("hatch")) {
        encoding = Encoding::Hatch;
    } else if (name == QLatin1String("exceedance")) {
        encoding = Encoding::Exceedance;
    } else {
        layer.error = QStringLiteral("result '%1': options.uncertainty_layer.encoding is '%2'; "
                                     "expected spread, vsup, hatch or exceedance")
                          .arg(spec.title, name);
        return layer;
    }
    if (layer.variable.isEmpty()) {
        layer.error = QStringLiteral("result '%1': options.uncertainty_layer names no variable")
                          .arg(spec.title);
        return layer;
    }
    if (encoding == Encoding::Hatch || encoding == Encoding::Exceedance) {
        const QJsonValue threshold = object.value(QStringLiteral("threshold"));
        if (!threshold.isDouble()) {
            layer.error = QStringLiteral("result '%1': options.uncertainty_layer.threshold (a "
                                         "number) is needed for %2")
                              .arg(spec.title, name);
            return layer;
        }
        layer.threshold = threshold.toDouble();
        const QJsonValue attribute = object.value(QStringLiteral("threshold_attribute"));
        if (!attribute.isUndefined() && (!attribute.isString() || attribute.toString().isEmpty())) {
            layer.error = QStringLiteral("result '%1': options.uncertainty_layer."
                                         "threshold_attribute should name an attribute of '%2'")
                              .arg(spec.title, layer.variable);
            return layer;
        }
        layer.thresholdAttribute = attribute.toString();
    }
    layer.encoding = encoding;
    return layer;
}

} // namespace twins::app
