#pragma once

#include "twinbench/viz/ComparisonChart.h"
#include "twinbench/viz/MapProjection.h"
#include "twinbench/viz/VolumeGrid.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <stdexcept>
#include <vector>

namespace twins::app {

// An answer that does not follow the conventions of its kind (plugins/README.md, "Answer
// conventions"); the message names the field and what was expected.
class ExploreAnswerError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One row of a metrics table: name, value as text, units.
struct ExploreMetric {
    QString name;
    QString value;
    QString units;
};

// The parts every answer kind may carry: a title and the conditions it was computed for, as
// "energy 100 GeV, theta 90 degree" (each condition a plain value or {"value", "units"}).
struct ExploreAnswerHeader {
    QString title;
    QString conditions;
};

struct ExploreVolumes {
    ExploreAnswerHeader header;
    std::vector<viz::VolumeGrid> volumes; // one or two (e.g. GAN and reference)
};

struct ExploreTrack {
    QString id;
    std::vector<viz::GeoPoint> points;
    std::vector<double> values;
};

struct ExploreTracks {
    ExploreAnswerHeader header;
    QString valueName;
    QString valueUnits;
    double minimum = 0.0; // colour range of the track values
    double maximum = 1.0;
    std::vector<ExploreTrack> tracks;
    std::vector<viz::GeoPoint> points;
    QList<ExploreMetric> metrics;
};

struct ExploreMetrics {
    ExploreAnswerHeader header;
    QList<ExploreMetric> metrics;
};

// Each throws ExploreAnswerError for an answer that does not follow its kind's convention.
ExploreAnswerHeader readAnswerHeader(const QJsonObject& answer);
ExploreVolumes readVolumeAnswer(const QJsonObject& answer);
ExploreTracks readTracksAnswer(const QJsonObject& answer);
ExploreMetrics readMetricsAnswer(const QJsonObject& answer);
// histogram (Kind::Histogram) and line_chart (Kind::Profile): two series on shared bins.
viz::ComparisonSpec readChartAnswer(const QJsonObject& answer, const QString& kind);

// The answer kinds the Explore dock draws (a subset of sdk::resultKinds()).
QStringList drawnAnswerKinds();

} // namespace twins::app
