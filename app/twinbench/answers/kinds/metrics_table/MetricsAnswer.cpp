// metrics_table: read from JSON answers and from a run's metrics or model JSON file.
#include "answers/kinds/metrics_table/MetricsAnswer.h"

#include "answers/AnswerKinds.h"
#include "answers/MetricsTable.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTableWidget>
#include <QVBoxLayout>

namespace twins::app {

namespace {
[[noreturn]] void refuse(const QString& message) {
    throw ResultAnswerError(message.toStdString());
}
} // namespace

ExploreMetrics readMetricsAnswer(const QJsonObject& answer) {
    return ExploreMetrics{readAnswerHeader(answer), answerjson::metrics(answer, true)};
}

ResultAnswer metricsAnswer(const sdk::ResultSpec& spec, const QString& path) {
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        refuse(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        refuse(QStringLiteral("%1 is not a JSON object of metrics (%2)")
                   .arg(name, parseError.error != QJsonParseError::NoError
                                  ? parseError.errorString() + QStringLiteral(" at byte ") +
                                        QString::number(parseError.offset)
                                  : QStringLiteral("it holds an array or a value")));
    }
    const QJsonObject root = document.object();
    // model.json (and calogan's metrics.json) keep their scores under "metrics", beside
    // descriptive fields; a plain metrics.json is the object of metrics itself.
    const QJsonObject source = root.value(QStringLiteral("metrics")).isObject()
                                   ? root.value(QStringLiteral("metrics")).toObject()
                                   : root;
    const QJsonObject units = root.value(QStringLiteral("units")).toObject();
    QJsonArray rows;
    for (auto it = source.begin(); it != source.end(); ++it) {
        // Nested objects and arrays (per-bin breakdowns) are not one value: the table lists
        // the scalar metrics and the file keeps the rest.
        if (it.value().isObject() || it.value().isArray() || it.key() == QLatin1String("units")) {
            continue;
        }
        QJsonObject row{{"name", it.key()}, {"value", it.value()}};
        if (units.value(it.key()).isString()) {
            row.insert(QStringLiteral("units"), units.value(it.key()));
        }
        rows.append(row);
    }
    if (rows.isEmpty()) {
        refuse(QStringLiteral("%1 holds no metric values: expected a JSON object of numbers "
                              "(or one with them under \"metrics\", as model.json)")
                   .arg(name));
    }
    return {QStringLiteral("metrics_table"),
            QJsonObject{{"title", spec.title.isEmpty() ? name : spec.title}, {"metrics", rows}},
            {}};
}

MetricsPage::MetricsPage(QWidget* parent) : AnswerPage(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = makeMetricsTable(this);
    m_table->setObjectName(QStringLiteral("exploreMetrics"));
    layout->addWidget(m_table);
}

ExploreAnswerHeader MetricsPage::showAnswer(const QJsonObject& json, bool /*interactive*/) {
    const ExploreMetrics answer = readMetricsAnswer(json);
    fillMetricsTable(*m_table, answer.metrics);
    return answer.header;
}

AnswerKind metricsTableAnswerKind() {
    AnswerKind kind;
    kind.name = QStringLiteral("metrics_table");
    kind.makePage = [](QWidget* parent) { return new MetricsPage(parent); };
    kind.readResult = metricsAnswer;
    return kind;
}

} // namespace twins::app
