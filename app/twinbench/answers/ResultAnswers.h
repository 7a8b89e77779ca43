#pragma once

#include "answers/ResultAnswerError.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QJsonObject>
#include <QString>

namespace twins::app {

// A run's result file turned into an answer object of plugins/README.md's answer conventions,
// so the answer view draws finished runs exactly like what-if answers.
struct ResultAnswer {
    QString kind;       // the answer kind to draw it as (a registered kind's page)
    QJsonObject answer; // following that kind's convention
    // What the figure shows beyond the answer itself (e.g. "the background field is not
    // drawn"), for the caption; empty when the answer says it all.
    QString note;
    // The note is the whole caption (points: nothing else to say about colours).
    bool noteReplacesCaption = false;
};

// The absolute path of the spec's output in a run's outputs/ directory.
QString resultOutputPath(const sdk::ResultSpec& spec, const QString& outputsDirectory);

// Reads the spec's output under `outputsDirectory` and converts it by its registered kind.
// Blocking file I/O: call it off the GUI thread. Throws ResultAnswerError naming the file and
// what was expected (a missing column, a value that is not a number, a kind that has no
// answer form).
ResultAnswer readResultAnswer(const sdk::ResultSpec& spec, const QString& outputsDirectory);

} // namespace twins::app
