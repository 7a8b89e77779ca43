#pragma once

#include "CycloneTime.h"
#include "twinbench/sdk/TwinModule.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <string>

// What the four actions share: typed parameters, finding an input file in a run's outputs, and
// writing JSON atomically.
namespace cyclone {

double numberParameter(const twins::sdk::ActionContext& context, const char* key);
int integerParameter(const twins::sdk::ActionContext& context, const char* key);
CfCalendar calendarParameter(const twins::sdk::ActionContext& context);

// The single input of `action`: a file as is, or a directory (a run's outputs/) holding
// `fileName`. Throws SdkError naming the action, what it got and what it expected.
std::string singleInput(const twins::sdk::ActionContext& context, const QString& action,
                        const QString& fileName, const QString& expected);

// `path` inside the run's outputs/.
std::string outputPath(const twins::sdk::ActionContext& context, const QString& fileName);

// The run id (the name of the directory above outputs/), for file provenance attributes.
std::string runId(const twins::sdk::ActionContext& context);

void writeJsonFile(const std::string& path, const QJsonObject& json);

} // namespace cyclone
