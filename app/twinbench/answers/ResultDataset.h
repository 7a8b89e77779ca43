#pragma once

#include "answers/ResultAnswerError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QString>

#include <memory>

namespace twins::app {

// A result kind drawn from one variable of a dataset output (volume, spectrogram): the file
// opened and the spec's variable found. Throws ResultAnswerError "FILE: ..." when the spec
// names no variable or the file has none of that name; data::DataError when the file cannot
// be opened (callers turn it into a ResultAnswerError with the same file name).
struct ResultVariable {
    QString file; // the output's file name, for messages
    std::shared_ptr<data::Dataset> dataset;
    const data::DatasetVariable* variable = nullptr;
};
ResultVariable openResultVariable(const sdk::ResultSpec& spec, const QString& path,
                                  const QString& drawnAs);

// Throws ResultAnswerError "FILE: EXPECTED".
[[noreturn]] void refuseResult(const QString& file, const QString& expected);

} // namespace twins::app
