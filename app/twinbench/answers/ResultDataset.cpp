#include "answers/ResultDataset.h"

#include <QFileInfo>

namespace twins::app {

void refuseResult(const QString& file, const QString& expected) {
    throw ResultAnswerError(QStringLiteral("%1: %2").arg(file, expected).toStdString());
}

ResultVariable openResultVariable(const sdk::ResultSpec& spec, const QString& path,
                                  const QString& drawnAs) {
    ResultVariable result;
    result.file = QFileInfo(path).fileName();
    if (spec.variable.isEmpty()) {
        refuseResult(
            result.file,
            QStringLiteral("the result spec names no variable to draw as %1").arg(drawnAs));
    }
    result.dataset = data::openDataset(path.toStdString());
    result.variable = result.dataset->findVariable(spec.variable.toStdString());
    if (result.variable == nullptr) {
        refuseResult(
            result.file,
            QStringLiteral("no variable '%1' (the result spec's variable)").arg(spec.variable));
    }
    return result;
}

} // namespace twins::app
