#include "answers/AnswerKinds.h"

namespace twins::app {

const QList<AnswerKind>& answerKinds() {
    // The registry: one line per kind.
    static const QList<AnswerKind> kinds{
        mapAnswerKind(),       uncertaintyAnswerKind(), tracksAnswerKind(),
        pointsAnswerKind(),    volumeAnswerKind(),      metricsTableAnswerKind(),
        histogramAnswerKind(), lineChartAnswerKind(),   xyCurvesAnswerKind(),
    };
    return kinds;
}

const AnswerKind* answerKind(const QString& name) {
    for (const AnswerKind& kind : answerKinds()) {
        if (kind.name == name) {
            return &kind;
        }
    }
    return nullptr;
}

QString answerKindNames() {
    QStringList names;
    for (const AnswerKind& kind : answerKinds()) {
        names << kind.name;
    }
    return names.join(QStringLiteral(", "));
}

QList<const ExportFormat*> exportFormatsOf(const AnswerKind& kind, ExportFormat::Purpose purpose) {
    QList<const ExportFormat*> formats;
    for (const ExportFormat& format : exportFormats()) {
        if (format.purpose == purpose && kind.exportWriters.contains(format.writer)) {
            formats << &format;
        }
    }
    return formats;
}

} // namespace twins::app
