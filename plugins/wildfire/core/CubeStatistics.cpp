#include "CubeStatistics.h"

#include "SeasfireVariables.h"
#include "twinbench/sdk/Csv.h"

#include <cmath>

namespace wildfire {

namespace {

bool isValidCell(ValidCells rule, float landFraction) {
    switch (rule) {
    case ValidCells::Land:
        return landFraction >= 0.5f;
    case ValidCells::Sea:
        return landFraction < 0.5f;
    case ValidCells::Everywhere:
        break;
    }
    return true;
}

const char* ruleName(ValidCells rule) {
    switch (rule) {
    case ValidCells::Land:
        return "land (lsm >= 0.5)";
    case ValidCells::Sea:
        return "sea (lsm < 0.5)";
    case ValidCells::Everywhere:
        break;
    }
    return "all cells";
}

} // namespace

CubeStatistics::CubeStatistics(const std::vector<float>& landFraction)
    : m_landFraction(landFraction), m_sums(seasfireVariables().size()) {
    // lsm is static: its statistics over cells are those over cells and steps.
    const std::size_t lsm = seasfireVariables().size() - 1;
    for (const float value : m_landFraction) {
        addValue(m_sums[lsm], seasfireVariables()[lsm].publishedMean, value);
    }
}

void CubeStatistics::addValue(Sums& sums, double shift, float value) const {
    if (std::isnan(value)) {
        return;
    }
    const double x = value - shift;
    ++sums.count;
    sums.shifted += x;
    sums.shifted2 += x * x;
}

void CubeStatistics::add(const CubeFields& fields) {
    const auto& variables = seasfireVariables();
    for (std::size_t v = 0; v + 1 < variables.size(); ++v) {
        const std::vector<float>& values = fields.field(variables[v].name);
        Sums& sums = m_sums[v];
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (isValidCell(variables[v].validCells, m_landFraction[i])) {
                addValue(sums, variables[v].publishedMean, values[i]);
            }
        }
    }
}

std::vector<CubeStatistics::Row> CubeStatistics::rows() const {
    std::vector<Row> rows;
    const auto& variables = seasfireVariables();
    for (std::size_t v = 0; v < variables.size(); ++v) {
        const SeasfireVariable& variable = variables[v];
        const Sums& sums = m_sums[v];
        Row row;
        row.name = variable.name;
        row.units = variable.units;
        row.validCells = ruleName(variable.validCells);
        row.count = sums.count;
        row.publishedMean = variable.publishedMean;
        row.publishedStd = variable.publishedStd;
        row.meanTolerance = variable.isTemperature ? 3.0 : 0.25 * std::abs(variable.publishedMean);
        if (sums.count > 0) {
            const double n = static_cast<double>(sums.count);
            const double shiftedMean = sums.shifted / n;
            row.mean = variable.publishedMean + shiftedMean;
            row.std = std::sqrt(std::max(0.0, sums.shifted2 / n - shiftedMean * shiftedMean));
            row.meanWithin = std::abs(row.mean - row.publishedMean) <= row.meanTolerance;
            row.stdWithin = std::abs(row.std - row.publishedStd) <= 0.25 * row.publishedStd;
        }
        rows.push_back(row);
    }
    return rows;
}

void CubeStatistics::writeCsv(const std::string& path) const {
    twins::sdk::CsvWriter csv({"variable", "units", "valid_cells", "count", "mean", "std",
                               "published_mean", "published_std", "mean_tolerance", "mean_pass",
                               "std_pass"});
    for (const Row& row : rows()) {
        csv.add(row.name).add(row.units).add(row.validCells);
        csv.add(static_cast<std::int64_t>(row.count));
        csv.add(row.mean).add(row.std).add(row.publishedMean).add(row.publishedStd);
        csv.add(row.meanTolerance);
        csv.add(row.meanWithin ? "pass" : "FAIL").add(row.stdWithin ? "pass" : "FAIL");
        csv.endRow();
    }
    csv.writeTo(path);
}

} // namespace wildfire
