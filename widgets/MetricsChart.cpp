#include "twinbench/widgets/MetricsChart.h"

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace twins::widgets {

MetricsChart::MetricsChart(QWidget* parent) : QChartView(parent) {
    auto* chart = new QChart();
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_stepAxis = new QValueAxis(chart);
    m_stepAxis->setTitleText(tr("step"));
    m_stepAxis->setLabelFormat(QStringLiteral("%d"));
    m_valueAxis = new QValueAxis(chart);
    m_valueAxis->setTitleText(tr("value"));
    chart->addAxis(m_stepAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    chart->setTitle(tr("No metrics reported yet"));
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(160);
}

QLineSeries* MetricsChart::seriesFor(const QString& name) {
    if (QLineSeries* existing = m_series.value(name)) {
        return existing;
    }
    auto* series = new QLineSeries(chart());
    series->setName(name);
    chart()->addSeries(series);
    series->attachAxis(m_stepAxis);
    series->attachAxis(m_valueAxis);
    m_series.insert(name, series);
    return series;
}

void MetricsChart::setPoints(const QList<runs::MetricPoint>& points) {
    if (points.size() < m_pointsSeen) {
        clearMetrics(); // a different (or rewritten) metrics file
    }
    // Points arrive in file order; only the ones after the last call are new.
    QHash<QString, QList<QPointF>> fresh;
    for (qsizetype i = m_pointsSeen; i < points.size(); ++i) {
        const runs::MetricPoint& point = points[i];
        if (!std::isfinite(point.value)) {
            continue; // a NaN loss is reported in the log; it cannot be drawn
        }
        fresh[point.name].append(QPointF(static_cast<double>(point.step), point.value));
        if (m_empty) {
            m_minimumValue = m_maximumValue = point.value;
            m_empty = false;
        }
        m_minimumValue = std::min(m_minimumValue, point.value);
        m_maximumValue = std::max(m_maximumValue, point.value);
        m_maximumStep = std::max(m_maximumStep, point.step);
    }
    m_pointsSeen = points.size();
    for (auto it = fresh.cbegin(); it != fresh.cend(); ++it) {
        seriesFor(it.key())->append(it.value());
    }
    if (!fresh.isEmpty()) {
        chart()->setTitle(QString());
        updateAxes();
    }
}

void MetricsChart::clearMetrics() {
    for (QLineSeries* series : std::as_const(m_series)) {
        chart()->removeSeries(series);
        delete series;
    }
    m_series.clear();
    m_pointsSeen = 0;
    m_empty = true;
    m_maximumStep = 0;
    chart()->setTitle(tr("No metrics reported yet"));
}

void MetricsChart::updateAxes() {
    m_stepAxis->setRange(0.0, std::max<double>(1.0, static_cast<double>(m_maximumStep)));
    double low = m_minimumValue;
    double high = m_maximumValue;
    if (high - low < 1e-12) {
        low -= 0.5;
        high += 0.5;
    }
    const double margin = 0.05 * (high - low);
    m_valueAxis->setRange(low - margin, high + margin);
}

QStringList MetricsChart::metricNames() const {
    QStringList names = m_series.keys();
    names.sort();
    return names;
}

int MetricsChart::pointCount(const QString& name) const {
    const QLineSeries* series = m_series.value(name);
    return series != nullptr ? static_cast<int>(series->count()) : 0;
}

} // namespace twins::widgets
