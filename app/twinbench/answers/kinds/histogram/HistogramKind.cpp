// histogram: two samples' distributions on shared bins (GAN against reference), with a
// ratio panel; CSV results bin a value column by a group column.
#include "answers/AnswerKinds.h"
#include "answers/ComparisonAnswer.h"
#include "answers/ResultColumns.h"

namespace twins::app {

AnswerKind histogramAnswerKind() {
    AnswerKind kind;
    kind.name = QStringLiteral("histogram");
    kind.makePage = [](QWidget* parent) {
        return new ComparisonPage(QStringLiteral("histogram"), parent);
    };
    kind.figureWriters = {ExportFormat::Writer::RasterImage, ExportFormat::Writer::VectorPaths};
    kind.readResult = [](const sdk::ResultSpec& spec, const QString& path) {
        return histogramAnswer(spec, readResultCsv(spec, path));
    };
    return kind;
}

} // namespace twins::app
