#include "twinbench/viz/Ensemble.h"

#include "twinbench/data/Dataset.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace twins::viz {

namespace {
constexpr float missing = std::numeric_limits<float>::quiet_NaN();

void refreshStatistics(data::FieldSlice& field) {
    field.finiteCount = 0;
    field.minimum = 0.0;
    field.maximum = 0.0;
    for (const float value : field.values) {
        if (!std::isfinite(value)) {
            continue;
        }
        if (field.finiteCount == 0) {
            field.minimum = field.maximum = value;
        }
        field.minimum = std::min(field.minimum, static_cast<double>(value));
        field.maximum = std::max(field.maximum, static_cast<double>(value));
        ++field.finiteCount;
    }
}

// The grid without member 0's values or fixed member index: a template for derived fields.
data::FieldSlice derivedField(const EnsembleField& ensemble, const std::string& variable,
                              const std::string& longName, const std::string& units) {
    data::FieldSlice field = ensemble.grid;
    field.variable = variable;
    field.longName = longName;
    field.units = units;
    std::erase_if(field.fixedIndices,
                  [&](const auto& fixed) { return fixed.first == ensemble.memberDimension; });
    field.values.assign(field.width * field.height, missing);
    return field;
}

QString formatThreshold(double threshold) {
    return QString::number(threshold, 'g', 6);
}
} // namespace

bool isEnsembleDimensionName(const std::string& name) {
    const QString lower = QString::fromStdString(name).toLower();
    return lower.contains(QLatin1String("member")) ||
           lower.contains(QLatin1String("realization")) ||
           lower.contains(QLatin1String("realisation")) ||
           lower.contains(QLatin1String("ensemble"));
}

EnsembleField readEnsemble(const data::Dataset& dataset, const std::string& variable,
                           const std::map<std::string, std::size_t>& indices) {
    const data::DatasetVariable& info = dataset.variable(variable);
    std::string memberDimension;
    std::size_t memberCount = 0;
    // The last two dimensions are the map's; the ensemble axis is one of the leading ones.
    for (std::size_t d = 0; d + 2 < info.dimensions.size(); ++d) {
        if (isEnsembleDimensionName(info.dimensions[d])) {
            memberDimension = info.dimensions[d];
            memberCount = info.shape[d];
            break;
        }
    }
    if (memberDimension.empty()) {
        std::string dimensions;
        for (const std::string& name : info.dimensions) {
            dimensions += (dimensions.empty() ? "" : ", ") + name;
        }
        throw EnsembleError(dataset.path() + ": variable '" + variable + "' (" + dimensions +
                            ") has no ensemble dimension; expected a leading dimension named "
                            "member, realization or ensemble");
    }
    std::vector<std::vector<float>> members;
    data::FieldSlice grid;
    for (std::size_t m = 0; m < memberCount; ++m) {
        std::map<std::string, std::size_t> memberIndices = indices;
        memberIndices[memberDimension] = m;
        data::FieldSlice slice = data::readFieldSlice(dataset, info, memberIndices);
        if (m == 0) {
            grid = slice;
        }
        members.push_back(std::move(slice.values));
    }
    EnsembleField ensemble = makeEnsemble(grid, std::move(members));
    ensemble.memberDimension = memberDimension;
    return ensemble;
}

EnsembleField makeEnsemble(const data::FieldSlice& grid, std::vector<std::vector<float>> members) {
    if (members.size() < 2) {
        throw EnsembleError("an ensemble of '" + grid.variable +
                            "' needs at least 2 members, got " + std::to_string(members.size()));
    }
    const std::size_t cells = grid.width * grid.height;
    for (std::size_t m = 0; m < members.size(); ++m) {
        if (members[m].size() != cells) {
            throw EnsembleError("member " + std::to_string(m) + " of '" + grid.variable + "' has " +
                                std::to_string(members[m].size()) + " values, the grid has " +
                                std::to_string(cells));
        }
    }
    EnsembleField ensemble;
    ensemble.grid = grid;
    ensemble.members = std::move(members);
    return ensemble;
}

data::FieldSlice ensembleMean(const EnsembleField& ensemble) {
    const data::FieldSlice& grid = ensemble.grid;
    data::FieldSlice mean = derivedField(
        ensemble, grid.variable + "_mean",
        "Ensemble mean of " + (grid.longName.empty() ? grid.variable : grid.longName), grid.units);
    for (std::size_t i = 0; i < mean.values.size(); ++i) {
        double sum = 0.0;
        int count = 0;
        for (const auto& member : ensemble.members) {
            if (std::isfinite(member[i])) {
                sum += member[i];
                ++count;
            }
        }
        if (count > 0) {
            mean.values[i] = static_cast<float>(sum / count);
        }
    }
    refreshStatistics(mean);
    return mean;
}

data::FieldSlice ensembleSpread(const EnsembleField& ensemble) {
    data::FieldSlice spread =
        derivedField(ensemble, ensemble.grid.variable + "_spread",
                     "Ensemble spread (standard deviation)", ensemble.grid.units);
    for (std::size_t i = 0; i < spread.values.size(); ++i) {
        double sum = 0.0;
        double squares = 0.0;
        int count = 0;
        for (const auto& member : ensemble.members) {
            if (std::isfinite(member[i])) {
                sum += member[i];
                squares += double(member[i]) * member[i];
                ++count;
            }
        }
        if (count >= 2) {
            const double mean = sum / count;
            const double variance = std::max(0.0, (squares - count * mean * mean) / (count - 1));
            spread.values[i] = static_cast<float>(std::sqrt(variance));
        }
    }
    refreshStatistics(spread);
    return spread;
}

data::FieldSlice exceedanceProbability(const EnsembleField& ensemble, double threshold) {
    const data::FieldSlice& grid = ensemble.grid;
    QString title = QStringLiteral("Probability that %1 > %2")
                        .arg(QString::fromStdString(grid.variable), formatThreshold(threshold));
    if (!grid.units.empty()) {
        title += QLatin1Char(' ') + QString::fromStdString(grid.units);
    }
    // Units "" so the title is exactly the sentence above (no "[1]" after it).
    data::FieldSlice probability = derivedField(
        ensemble, "P(" + grid.variable + ">" + formatThreshold(threshold).toStdString() + ")",
        title.toStdString(), "");
    for (std::size_t i = 0; i < probability.values.size(); ++i) {
        int above = 0;
        int count = 0;
        for (const auto& member : ensemble.members) {
            if (std::isfinite(member[i])) {
                above += member[i] > threshold ? 1 : 0;
                ++count;
            }
        }
        if (count > 0) {
            probability.values[i] = static_cast<float>(double(above) / count);
        }
    }
    refreshStatistics(probability);
    return probability;
}

} // namespace twins::viz
