// The comparison answer convention read from JSON, and the page drawing it.
#include "answers/ComparisonAnswer.h"

#include "twinbench/viz/ComparisonChartView.h"

#include <QJsonArray>
#include <QVBoxLayout>

namespace twins::app {

using namespace answerjson;

namespace {

viz::ComparisonSeries readSeries(const QJsonObject& answer, const QString& key) {
    const QJsonObject json = object(answer.value(key), key);
    viz::ComparisonSeries series;
    series.label = text(json, QStringLiteral("label"), key + QLatin1Char('.'));
    if (series.label.isEmpty()) {
        series.label = key;
    }
    series.values = numbers(array(json, QStringLiteral("values"), key + QLatin1Char('.'), true),
                            key + QStringLiteral(".values"));
    series.errors = numbers(array(json, QStringLiteral("errors"), key + QLatin1Char('.'), false),
                            key + QStringLiteral(".errors"));
    return series;
}

} // namespace

viz::ComparisonSpec readChartAnswer(const QJsonObject& answer, const QString& kind) {
    viz::ComparisonSpec spec;
    spec.kind = kind == QLatin1String("line_chart") ? viz::ComparisonSpec::Kind::Profile
                                                    : viz::ComparisonSpec::Kind::Histogram;
    const ExploreAnswerHeader header = readAnswerHeader(answer);
    spec.title = header.conditions.isEmpty()
                     ? header.title
                     : QStringLiteral("%1 (%2)").arg(header.title, header.conditions);
    const QJsonObject x = answer.value(QStringLiteral("x")).toObject();
    const QJsonObject y = answer.value(QStringLiteral("y")).toObject();
    spec.xName = text(x, QStringLiteral("name"), QStringLiteral("x."));
    spec.xUnits = text(x, QStringLiteral("units"), QStringLiteral("x."));
    spec.yName = text(y, QStringLiteral("name"), QStringLiteral("y."));
    spec.yUnits = text(y, QStringLiteral("units"), QStringLiteral("y."));
    if (spec.xName.isEmpty() || spec.yName.isEmpty()) {
        refuse(QStringLiteral("x.name, y.name"), QStringLiteral("axis names for the chart"));
    }
    spec.binEdges = numbers(array(answer, QStringLiteral("bin_edges"), QString(), true),
                            QStringLiteral("bin_edges"));
    spec.reference = readSeries(answer, QStringLiteral("reference"));
    spec.generated = readSeries(answer, QStringLiteral("generated"));
    spec.logY = answer.value(QStringLiteral("log_y")).toBool(false);
    try {
        viz::validateComparison(spec);
    } catch (const viz::ComparisonChartError& error) {
        throw ExploreAnswerError(
            QStringLiteral("answer: %1").arg(QString::fromUtf8(error.what())).toStdString());
    }
    return spec;
}

ComparisonPage::ComparisonPage(const QString& kind, QWidget* parent)
    : AnswerPage(parent), m_kind(kind) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_chart = new viz::ComparisonChartView(this);
    layout->addWidget(m_chart);
}

ExploreAnswerHeader ComparisonPage::showAnswer(const QJsonObject& answer, bool /*interactive*/) {
    const viz::ComparisonSpec spec = readChartAnswer(answer, m_kind);
    QString error;
    if (!m_chart->setComparison(spec, &error)) {
        throw ExploreAnswerError(QStringLiteral("answer: %1").arg(error).toStdString());
    }
    return {}; // the chart carries the title and conditions itself
}

QImage ComparisonPage::renderFigure(QSize size) const {
    return m_chart->renderFigure(size);
}

void ComparisonPage::writeVectorFigure(const QString& path, QSize size) const {
    m_chart->exportFigure(path, size);
}

} // namespace twins::app
