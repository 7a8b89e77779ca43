#pragma once

// What the calogan actions and the query share: typed parameters, finding a showers file or a
// trained model among the inputs (files are written with the SDK: twinbench/sdk/AtomicFile.h,
// Csv.h, JsonFile.h, ModelCard.h).

#include "twinbench/sdk/TwinModule.h"

#include <QString>

#include <string>
#include <vector>

namespace calo {

// A comma-separated list of numbers; throws SdkError naming the parameter and the bad item.
std::vector<double> numberListParameter(const twins::sdk::ActionContext& context, const char* key,
                                        const QString& source);

// A showers file as is, or a directory (a simulate or generate run's outputs/) holding
// showers.h5. Throws SdkError naming `source`, the input and what was expected.
std::string showersInput(const QString& input, const QString& source);
// A train run's outputs/ (or its model.json): the directory holding gan.json and
// generator.pt. Throws SdkError naming `source`, the input and what was expected.
std::string modelInput(const QString& input, const QString& source);

// `fileName` inside the run's outputs/.
QString outputPath(const twins::sdk::ActionContext& context, const QString& fileName);

} // namespace calo
