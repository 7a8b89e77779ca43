#include "RegionalChange.h"

#include "BurnScores.h"
#include "WildfireError.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace wildfire {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

int sign(double value) {
    return value > 0.0 ? 1 : (value < 0.0 ? -1 : 0);
}

double percent(double change, double base) {
    return base > 0.0 ? 100.0 * change / base : nan;
}

// Whether every member has a prediction in the cell in both periods.
bool predicted(const MemberMeans& historical, const MemberMeans& scenario, std::size_t cell) {
    for (std::size_t m = 0; m < historical.members; ++m) {
        if (!std::isfinite(historical.at(m, cell)) || !std::isfinite(scenario.at(m, cell))) {
            return false;
        }
    }
    return true;
}

} // namespace

double signAgreement(const std::vector<double>& changes, double mean) {
    std::size_t finite = 0;
    std::size_t agreeing = 0;
    for (const double change : changes) {
        if (std::isfinite(change)) {
            ++finite;
            agreeing += sign(change) == sign(mean) ? 1 : 0;
        }
    }
    return finite == 0 ? nan : static_cast<double>(agreeing) / static_cast<double>(finite);
}

CellChanges cellChanges(const MemberMeans& historical, const MemberMeans& scenario) {
    if (historical.members != scenario.members || historical.cells != scenario.cells) {
        throw WildfireError("the historical and scenario predictions have different members or "
                            "cells (" +
                            std::to_string(historical.members) + " x " +
                            std::to_string(historical.cells) + " against " +
                            std::to_string(scenario.members) + " x " +
                            std::to_string(scenario.cells) + ")");
    }
    const std::size_t members = historical.members;
    const std::size_t cells = historical.cells;
    const auto missing = std::numeric_limits<float>::quiet_NaN();
    CellChanges out;
    out.historical.assign(cells, missing);
    out.scenario.assign(cells, missing);
    out.change.assign(cells, missing);
    out.agreement.assign(cells, missing);
    out.robustChange.assign(cells, missing);
    out.memberChanges.assign(members * cells, missing);
    std::vector<double> changes(members);
    for (std::size_t cell = 0; cell < cells; ++cell) {
        if (!predicted(historical, scenario, cell)) {
            continue;
        }
        double before = 0.0;
        double after = 0.0;
        for (std::size_t m = 0; m < members; ++m) {
            before += historical.at(m, cell);
            after += scenario.at(m, cell);
            changes[m] = scenario.at(m, cell) - historical.at(m, cell);
            out.memberChanges[m * cells + cell] = static_cast<float>(changes[m]);
        }
        const double change = (after - before) / static_cast<double>(members);
        const double agreement = signAgreement(changes, change);
        out.historical[cell] = static_cast<float>(before / static_cast<double>(members));
        out.scenario[cell] = static_cast<float>(after / static_cast<double>(members));
        out.change[cell] = static_cast<float>(change);
        out.agreement[cell] = static_cast<float>(agreement);
        if (agreement >= robustSignAgreement) {
            out.robustChange[cell] = static_cast<float>(change);
        }
    }
    return out;
}

std::vector<RegionChange> regionChanges(const MemberMeans& historical, const MemberMeans& scenario,
                                        const std::vector<double>& latitudes, std::size_t columns,
                                        double haPerBurnedStep, double stepsPerYear,
                                        const std::vector<double>& generatorHistorical,
                                        const std::vector<double>& generatorScenario) {
    const std::size_t members = historical.members;
    constexpr int regions = 1 + burnZoneCount; // all land, then the zones
    std::vector<std::vector<double>> before(regions, std::vector<double>(members));
    std::vector<std::vector<double>> after(regions, std::vector<double>(members));
    std::vector<std::size_t> cells(regions);
    std::vector<double> truthBefore(regions);
    std::vector<double> truthAfter(regions);
    for (std::size_t cell = 0; cell < historical.cells; ++cell) {
        if (!predicted(historical, scenario, cell)) {
            continue;
        }
        const int zone = 1 + burnZone(latitudes[cell / columns]);
        for (const int region : {0, zone}) {
            ++cells[region];
            for (std::size_t m = 0; m < members; ++m) {
                before[region][m] += historical.at(m, cell);
                after[region][m] += scenario.at(m, cell);
            }
            if (std::isfinite(generatorHistorical[cell]) &&
                std::isfinite(generatorScenario[cell])) {
                truthBefore[region] += generatorHistorical[cell];
                truthAfter[region] += generatorScenario[cell];
            }
        }
    }
    const double perYear = haPerBurnedStep * stepsPerYear;
    std::vector<RegionChange> out;
    for (int region = 0; region < regions; ++region) {
        if (cells[region] == 0) {
            continue;
        }
        RegionChange change;
        change.name = region == 0 ? std::string("all land") : burnZoneNames()[region - 1];
        change.cells = cells[region];
        std::vector<double> memberChanges(members);
        change.memberLowPercent = std::numeric_limits<double>::infinity();
        change.memberHighPercent = -std::numeric_limits<double>::infinity();
        for (std::size_t m = 0; m < members; ++m) {
            change.historicalHa += before[region][m] * perYear / static_cast<double>(members);
            change.scenarioHa += after[region][m] * perYear / static_cast<double>(members);
            memberChanges[m] = after[region][m] - before[region][m];
            const double own = percent(memberChanges[m], before[region][m]);
            change.memberLowPercent = std::min(change.memberLowPercent, own);
            change.memberHighPercent = std::max(change.memberHighPercent, own);
        }
        change.changePercent =
            percent(change.scenarioHa - change.historicalHa, change.historicalHa);
        change.agreement = signAgreement(memberChanges, change.scenarioHa - change.historicalHa);
        change.robust = change.agreement >= robustSignAgreement;
        change.generatorHistoricalHa = truthBefore[region] * stepsPerYear;
        change.generatorScenarioHa = truthAfter[region] * stepsPerYear;
        change.generatorChangePercent =
            percent(change.generatorScenarioHa - change.generatorHistoricalHa,
                    change.generatorHistoricalHa);
        out.push_back(change);
    }
    return out;
}

} // namespace wildfire
