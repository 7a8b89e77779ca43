#include "export/StatedThreshold.h"

#include "twinbench/data/Dataset.h"

#include <cmath>
#include <stdexcept>

namespace twins::app {

double statedThreshold(const data::Dataset& dataset, const std::string& variable,
                       const QString& attribute, double fallback) {
    if (attribute.isEmpty()) {
        return fallback;
    }
    const std::string name = attribute.toStdString();
    for (const data::Attribute& stated : dataset.variable(variable).attributes) {
        if (stated.name != name) {
            continue;
        }
        if (stated.isText || stated.numbers.size() != 1 || !std::isfinite(stated.numbers[0]) ||
            stated.numbers[0] < 0.0) {
            throw std::runtime_error(dataset.path() + ": attribute '" + name + "' of variable '" +
                                     variable +
                                     "' should be one finite number >= 0 (the variability "
                                     "threshold); it is not");
        }
        return stated.numbers[0];
    }
    return fallback; // a file written before its twin stated the threshold
}

} // namespace twins::app
