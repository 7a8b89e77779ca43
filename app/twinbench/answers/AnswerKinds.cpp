#include "answers/AnswerKinds.h"

namespace twins::app {

const QList<AnswerKind>& answerKinds() {
    // The registry: one line per kind.
    static const QList<AnswerKind> kinds{
        mapAnswerKind(),         uncertaintyAnswerKind(), tracksAnswerKind(),
        pointsAnswerKind(),      volumeAnswerKind(),      metricsTableAnswerKind(),
        histogramAnswerKind(),   lineChartAnswerKind(),   xyCurvesAnswerKind(),
        spectrogramAnswerKind(),
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

} // namespace twins::app
