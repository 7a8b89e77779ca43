// The spectrogram answer convention read from and written to JSON (plugins/README.md,
// "spectrogram").
#include "answers/kinds/spectrogram/SpectrogramAnswer.h"

#include <QByteArray>
#include <QtEndian>

#include <cmath>

namespace twins::app {

using namespace answerjson;

namespace {

constexpr int largestSide = 8192;

int side(const QJsonObject& json, const QString& key) {
    return wholeNumber(json.value(key), QStringLiteral("spectrogram.") + key, largestSide);
}

struct Axis {
    QString name;
    QString units;
    double start = 0.0;
    double step = 1.0;
};

Axis axis(const QJsonObject& parent, const QString& key) {
    const QString where = QStringLiteral("spectrogram.%1.").arg(key);
    const QJsonObject json = object(parent.value(key), where.chopped(1));
    Axis result;
    result.name = text(json, QStringLiteral("name"), where);
    if (result.name.isEmpty()) {
        refuse(where + QStringLiteral("name"), QStringLiteral("the axis name, e.g. Frequency"));
    }
    result.units = text(json, QStringLiteral("units"), where);
    result.start = number(json.value(QStringLiteral("start")), where + QStringLiteral("start"));
    result.step = number(json.value(QStringLiteral("step")), where + QStringLiteral("step"));
    return result;
}

} // namespace

SpectrogramAnswer readSpectrogramAnswer(const QJsonObject& answer) {
    SpectrogramAnswer result;
    result.header = readAnswerHeader(answer);
    const QJsonObject json =
        object(answer.value(QStringLiteral("spectrogram")), QStringLiteral("spectrogram"));
    const QString where = QStringLiteral("spectrogram.");
    viz::SpectrogramData& data = result.data;
    data.bins = side(json, QStringLiteral("bins"));
    data.channels = side(json, QStringLiteral("channels"));
    const Axis bin = axis(json, QStringLiteral("bin"));
    const Axis frequency = axis(json, QStringLiteral("frequency"));
    data.binName = bin.name;
    data.binUnits = bin.units;
    data.binStart = bin.start;
    data.binStep = bin.step;
    data.frequencyName = frequency.name;
    data.frequencyUnits = frequency.units;
    data.frequencyStart = frequency.start;
    data.frequencyStep = frequency.step;
    const QJsonObject value =
        object(json.value(QStringLiteral("value")), QStringLiteral("spectrogram.value"));
    data.valueName = text(value, QStringLiteral("name"), where + QStringLiteral("value."));
    data.valueUnits = text(value, QStringLiteral("units"), where + QStringLiteral("value."));
    const std::size_t count = static_cast<std::size_t>(data.bins) * data.channels;
    data.values = littleEndianFloats(base64Bytes(json, QStringLiteral("float32_base64"), where,
                                                 count * sizeof(float),
                                                 QStringLiteral("bins x channels values")));
    if (json.contains(QStringLiteral("mask"))) {
        const QJsonObject mask =
            object(json.value(QStringLiteral("mask")), QStringLiteral("spectrogram.mask"));
        data.maskName = text(mask, QStringLiteral("name"), where + QStringLiteral("mask."));
        const QByteArray bytes =
            base64Bytes(mask, QStringLiteral("uint8_base64"), where + QStringLiteral("mask."),
                        count, QStringLiteral("bins x channels values"));
        data.mask.assign(bytes.begin(), bytes.end());
    }
    data.title = result.header.title;
    try {
        viz::validateSpectrogram(data);
    } catch (const viz::SpectrogramError& error) {
        throw ExploreAnswerError(
            QStringLiteral("answer field 'spectrogram': %1").arg(error.what()).toStdString());
    }
    return result;
}

QJsonObject spectrogramAnswerJson(const viz::SpectrogramData& data, const QString& title) {
    QByteArray values(static_cast<qsizetype>(data.values.size() * sizeof(float)),
                      Qt::Uninitialized);
    auto* out = reinterpret_cast<uchar*>(values.data());
    for (std::size_t i = 0; i < data.values.size(); ++i) {
        qToLittleEndian<float>(data.values[i], out + i * sizeof(float));
    }
    QJsonObject json{{"bins", data.bins},
                     {"channels", data.channels},
                     {"bin", QJsonObject{{"name", data.binName},
                                         {"units", data.binUnits},
                                         {"start", data.binStart},
                                         {"step", data.binStep}}},
                     {"frequency", QJsonObject{{"name", data.frequencyName},
                                               {"units", data.frequencyUnits},
                                               {"start", data.frequencyStart},
                                               {"step", data.frequencyStep}}},
                     {"value", QJsonObject{{"name", data.valueName}, {"units", data.valueUnits}}},
                     {"float32_base64", QString::fromLatin1(values.toBase64())}};
    if (!data.mask.empty()) {
        const QByteArray mask(reinterpret_cast<const char*>(data.mask.data()),
                              static_cast<qsizetype>(data.mask.size()));
        json.insert(QStringLiteral("mask"),
                    QJsonObject{{"name", data.maskName},
                                {"uint8_base64", QString::fromLatin1(mask.toBase64())}});
    }
    return QJsonObject{{"title", title}, {"spectrogram", json}};
}

} // namespace twins::app
