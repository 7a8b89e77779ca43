// line_chart: two profiles on shared x values with error bands (a shower's longitudinal
// profile against the reference, a training history); CSV results name the columns.
#include "answers/AnswerKinds.h"
#include "answers/ComparisonAnswer.h"
#include "answers/ResultColumns.h"

namespace twins::app {

AnswerKind lineChartAnswerKind() {
    AnswerKind kind;
    kind.name = QStringLiteral("line_chart");
    kind.makePage = [](QWidget* parent) {
        return new ComparisonPage(QStringLiteral("line_chart"), parent);
    };
    kind.figureWriters = {ExportFormat::Writer::RasterImage, ExportFormat::Writer::VectorPaths};
    kind.readResult = [](const sdk::ResultSpec& spec, const QString& path) {
        return lineChartAnswer(spec, readResultCsv(spec, path));
    };
    return kind;
}

} // namespace twins::app
