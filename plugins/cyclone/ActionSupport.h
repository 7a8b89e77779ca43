#pragma once

#include "CycloneTime.h"
#include "twinbench/sdk/TwinModule.h"

#include <QString>
#include <QStringList>

#include <string>

// What the actions share: typed parameters and finding an input file in a run's outputs (files
// are written with the SDK: twinbench/sdk/AtomicFile.h, Csv.h, JsonFile.h, ModelCard.h).
namespace cyclone {

CfCalendar calendarParameter(const twins::sdk::ActionContext& context);

// The single input of `action`: a file as is, or a directory (a run's outputs/) holding
// `fileName`. Throws SdkError naming the action, what it got and what it expected.
std::string singleInput(const twins::sdk::ActionContext& context, const QString& action,
                        const QString& fileName, const QString& expected);

// `path` inside the run's outputs/.
std::string outputPath(const twins::sdk::ActionContext& context, const QString& fileName);

// The run id (the name of the directory above outputs/), for file provenance attributes.
std::string runId(const twins::sdk::ActionContext& context);

} // namespace cyclone
