#pragma once

#include <QImage>
#include <QPointF>
#include <QSize>
#include <QString>

namespace twins::app {

// The reliability diagram of a validation run's reliability.csv (columns curve, mean_predicted,
// observed_frequency, samples; one row per equal-mass bin, several curves per file, e.g. a
// network and its baseline, raw and calibrated): observed frequency against predicted
// probability, the diagonal of perfect calibration dashed, one colour per curve with a
// legend. Drawn for the VVUQ card's calibration check (issue 17, item 5), so a reader sees
// where a model is over- or under-confident, not only one ECE number.
inline constexpr QSize reliabilityDiagramSize{420, 320};

// A null image and `error` naming the file and what was expected when it cannot be read.
QImage drawReliabilityDiagram(const QString& csvPath, QString* error);

// Where (predicted, observed) lands in the drawn image (for tests and for readers of the code).
QPointF reliabilityPlotPoint(double predicted, double observed);

// The colour of curve `index` (in the order of first appearance in the file).
QColor reliabilityCurveColour(int index);

} // namespace twins::app
