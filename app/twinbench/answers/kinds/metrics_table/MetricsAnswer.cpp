// metrics_table: read from JSON answers and from a run's metrics or model JSON file.
#include "answers/kinds/metrics_table/MetricsAnswer.h"

#include "answers/AnswerKinds.h"
#include "answers/MetricsTable.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
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
    m_header = answer.header;
    m_metrics = answer.metrics;
    return answer.header;
}

QImage MetricsPage::renderFigure(QSize size) const {
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    // Text sized for the figure, as the other figures scale theirs (72 dpi at ~1000 px).
    const double scale = std::max(0.5, std::min(size.width() / 1000.0, size.height() / 650.0));
    const int margin = static_cast<int>(24 * scale);
    QFont title = painter.font();
    title.setPixelSize(static_cast<int>(18 * scale));
    title.setBold(true);
    QFont body = title;
    body.setBold(false);
    body.setPixelSize(static_cast<int>(14 * scale));
    painter.setPen(QColor(26, 26, 26));
    painter.setFont(title);
    int y = margin + QFontMetrics(title).ascent();
    painter.drawText(margin, y,
                     m_header.conditions.isEmpty()
                         ? m_header.title
                         : QStringLiteral("%1 (%2)").arg(m_header.title, m_header.conditions));
    painter.setFont(body);
    const QFontMetrics metrics(body);
    const int row = metrics.height() + static_cast<int>(8 * scale);
    const int nameWidth = static_cast<int>(0.5 * (size.width() - 2 * margin));
    y += row;
    painter.setPen(QPen(QColor(150, 150, 150), 1));
    painter.drawLine(margin, y - metrics.ascent() - 4, size.width() - margin,
                     y - metrics.ascent() - 4);
    for (const ExploreMetric& metric : m_metrics) {
        y += row;
        if (y > size.height() - margin) {
            break; // more rows than fit: the figure says what it could, the table has all
        }
        painter.setPen(QColor(26, 26, 26));
        painter.drawText(margin, y, metric.name);
        painter.drawText(margin + nameWidth, y,
                         metric.units.isEmpty() ? metric.value
                                                : metric.value + QLatin1Char(' ') + metric.units);
        painter.setPen(QPen(QColor(225, 225, 225), 1));
        painter.drawLine(margin, y + metrics.descent() + 3, size.width() - margin,
                         y + metrics.descent() + 3);
    }
    return image;
}

AnswerKind metricsTableAnswerKind() {
    AnswerKind kind;
    kind.name = QStringLiteral("metrics_table");
    kind.makePage = [](QWidget* parent) { return new MetricsPage(parent); };
    kind.readResult = metricsAnswer;
    kind.figureWriters = {ExportFormat::Writer::RasterImage};
    return kind;
}

} // namespace twins::app
