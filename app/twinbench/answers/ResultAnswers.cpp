// Dispatches a result spec to its kind's converter (answers/kinds/<kind>/).
#include "answers/ResultAnswers.h"

#include "answers/AnswerKinds.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

namespace twins::app {

namespace {

[[noreturn]] void refuse(const QString& message) {
    throw ResultAnswerError(message.toStdString());
}

} // namespace

QString resultOutputPath(const sdk::ResultSpec& spec, const QString& outputsDirectory) {
    return QDir::cleanPath(QDir(outputsDirectory).filePath(spec.output));
}

ResultAnswer readResultAnswer(const sdk::ResultSpec& spec, const QString& outputsDirectory) {
    const QString path = resultOutputPath(spec, outputsDirectory);
    if (!QFileInfo::exists(path)) {
        refuse(QStringLiteral("%1 does not exist: the run wrote no %2 in outputs/")
                   .arg(path, spec.output));
    }
    const AnswerKind* kind = answerKind(spec.kind);
    if (kind == nullptr || !kind->readResult) {
        QStringList converted;
        for (const AnswerKind& known : answerKinds()) {
            if (known.readResult) {
                converted << known.name;
            }
        }
        refuse(
            QStringLiteral("%1: Twinbench has no view for results of kind '%2' yet (it draws "
                           "%3 here, and fields on the map)")
                .arg(QFileInfo(path).fileName(), spec.kind, converted.join(QStringLiteral(", "))));
    }
    return kind->readResult(spec, path);
}

} // namespace twins::app
