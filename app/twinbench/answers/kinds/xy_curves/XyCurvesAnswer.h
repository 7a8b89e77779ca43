#pragma once

#include "answers/AnswerJson.h"
#include "answers/ResultAnswers.h"
#include "answers/ResultCsv.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <vector>

namespace twins::app {

// xy_curves: several named curves on shared axes, with optional markers and an optional
// diagonal y = x: ROC curves (POD against POFD), reliability diagrams (observed frequency
// against forecast probability), accuracy against signal-to-noise ratio.
struct XyCurve {
    QString name;
    std::vector<double> x;
    std::vector<double> y; // NaN (JSON null): no point there, the line breaks
    bool markers = false;
};

struct XyCurvesAnswer {
    ExploreAnswerHeader header;
    QString xName;
    QString xUnits;
    QString yName;
    QString yUnits;
    bool logX = false;
    bool logY = false;
    // The y = x line (chance on a ROC diagram, perfect calibration on a reliability diagram).
    bool diagonal = false;
    QList<XyCurve> curves;
};

// Throws ExploreAnswerError for an answer that does not follow the convention (no curves, x
// and y of different lengths, a non-positive value on a log axis, nothing finite to draw).
XyCurvesAnswer readXyCurvesAnswer(const QJsonObject& answer);

// A CSV result: options x (column), y (a column, or a list of columns: one curve each, named
// by the column or by options.labels), or group (a column whose values split the rows into
// curves, with y one column), markers, diagonal, log_x, log_y, x_label, y_label.
ResultAnswer xyCurvesAnswer(const sdk::ResultSpec& spec, const ResultCsv& table);

} // namespace twins::app
