#pragma once

#include "twinbench/runs/RunMetrics.h"

#include <QChartView>
#include <QHash>

class QLineSeries;
class QValueAxis;

namespace twins::widgets {

// Live metric curves of one run (loss, accuracy, ...): one line per metric name over the step.
// setPoints() takes the whole metrics.jsonl reading and only appends what is new, so a
// training run streaming its losses updates the chart without redrawing it from scratch.
class MetricsChart : public QChartView {
    Q_OBJECT
public:
    explicit MetricsChart(QWidget* parent = nullptr);

    void setPoints(const QList<runs::MetricPoint>& points);
    void clearMetrics();

    QStringList metricNames() const;
    // Number of points drawn for one metric (tests).
    int pointCount(const QString& name) const;

private:
    QLineSeries* seriesFor(const QString& name);
    void updateAxes();

    QHash<QString, QLineSeries*> m_series;
    QValueAxis* m_stepAxis = nullptr;
    QValueAxis* m_valueAxis = nullptr;
    qsizetype m_pointsSeen = 0;
    double m_minimumValue = 0.0;
    double m_maximumValue = 0.0;
    qint64 m_maximumStep = 0;
    bool m_empty = true;
};

} // namespace twins::widgets
