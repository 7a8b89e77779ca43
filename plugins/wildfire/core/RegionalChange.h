#pragma once

#include <cstddef>
#include <string>
#include <vector>

// project's arithmetic (issue 19 item 5), without files or networks: the change of burned area
// between a scenario and the historical period, per cell and per region, with how far the
// ensemble's members agree on it.
namespace wildfire {

// Every member's burned probability averaged over the predicted steps of a period, member-major
// (members x cells), NaN where the cell has no prediction (sea, a driver's hole).
struct MemberMeans {
    std::size_t members = 0;
    std::size_t cells = 0;
    std::vector<double> values;
    double at(std::size_t member, std::size_t cell) const { return values[member * cells + cell]; }
};

// A change is called robust where at least this share of the members agree on its sign (the
// sign agreement of IPCC AR6's hatching, WGI Cross-Chapter Box Atlas.1).
constexpr double robustSignAgreement = 0.8;

// Share of `changes` (finite ones) with the sign of `mean`; NaN without a finite one. A zero
// change agrees with a zero mean only.
double signAgreement(const std::vector<double>& changes, double mean);

// Per cell (rows x columns, NaN where either period has no prediction):
struct CellChanges {
    std::vector<float> historical;    // members' mean probability, historical period
    std::vector<float> scenario;      // the same under the scenario
    std::vector<float> change;        // scenario - historical, members' mean
    std::vector<float> memberChanges; // members x cells: each member's change
    std::vector<float> agreement;     // share of members agreeing on the sign of `change`
    std::vector<float> robustChange;  // `change` where agreement >= robustSignAgreement, else NaN
};

// Throws WildfireError when the two periods' members or cells differ.
CellChanges cellChanges(const MemberMeans& historical, const MemberMeans& scenario);

// One region's burned area a year (ha): the model's expected burned area (probability x
// `haPerBurnedStep`, summed over the region's cells, times steps a year), the members' spread
// of its relative change, their sign agreement; and the generator's own burned area in both
// cubes over the same steps, the truth the model's change can be checked against.
struct RegionChange {
    std::string name;
    std::size_t cells = 0;
    double historicalHa = 0.0;
    double scenarioHa = 0.0;
    double changePercent = 0.0;    // members' mean change over the members' mean historical
    double memberLowPercent = 0.0; // smallest and largest member's own relative change
    double memberHighPercent = 0.0;
    double agreement = 0.0; // share of members whose regional change has the mean's sign
    bool robust = false;
    double generatorHistoricalHa = 0.0;
    double generatorScenarioHa = 0.0;
    double generatorChangePercent = 0.0;
};

// Regions: every cell with a prediction in both periods ("all land"), then the latitude zones of
// validate (BurnScores.h: boreal north, temperate north, tropics north and south, temperate
// south), a zone left out when it has no cell. `latitudes` one per row; `generatorHistorical`
// and `generatorScenario` the cubes' mean fcci_ba per step and cell (ha), NaN at sea.
std::vector<RegionChange> regionChanges(const MemberMeans& historical, const MemberMeans& scenario,
                                        const std::vector<double>& latitudes, std::size_t columns,
                                        double haPerBurnedStep, double stepsPerYear,
                                        const std::vector<double>& generatorHistorical,
                                        const std::vector<double>& generatorScenario);

} // namespace wildfire
