#pragma once

// Synthetic fields for the uncertainty-encoding tests, on the quadrant grid of MapTestFields.h
// (10-degree cells centred on -175..175 E, -85..85 N).
#include "MapTestFields.h"
#include "twinbench/viz/Ensemble.h"

#include <cmath>
#include <memory>
#include <vector>

namespace twins::testing {

// Uncertainty 0 in the south, 0.5 in the north-west, 1 in the north-east (range 0..1).
inline std::shared_ptr<data::FieldSlice> quadrantUncertainty() {
    auto field = quadrantField();
    field->variable = "t2m_sd";
    field->longName = "Uncertainty of the quadrant field";
    for (std::size_t row = 0; row < field->height; ++row) {
        for (std::size_t column = 0; column < field->width; ++column) {
            const bool north = field->y[row] >= 0.0;
            const bool east = field->x[column] >= 0.0;
            field->values[row * field->width + column] = !north ? 0.0f : east ? 1.0f : 0.5f;
        }
    }
    field->minimum = 0.0;
    field->maximum = 1.0;
    return field;
}

// Which robustness a longitude band is built to have (see robustnessBandChanges).
enum class Band { NoSignal, Conflicting, Robust };
inline Band bandOf(double lon) {
    return lon < -90.0 ? Band::NoSignal : lon >= 90.0 ? Band::Conflicting : Band::Robust;
}

// Five members' changes (threshold 0.5): west of 90W only 3 of 5 members (60% < 66%) exceed
// the threshold; east of 90E all 5 exceed it but 3 are positive and 2 negative (60% < 80%
// agree on sign); in between all 5 exceed it with the same sign (robust).
inline std::vector<std::vector<float>> robustnessBandChanges(const data::FieldSlice& grid) {
    std::vector<std::vector<float>> members(5, std::vector<float>(grid.values.size()));
    for (std::size_t row = 0; row < grid.height; ++row) {
        for (std::size_t column = 0; column < grid.width; ++column) {
            const std::size_t i = row * grid.width + column;
            for (std::size_t m = 0; m < members.size(); ++m) {
                float change = 1.0f;
                switch (bandOf(grid.x[column])) {
                case Band::NoSignal:
                    change = m < 3 ? 1.0f : 0.2f;
                    break;
                case Band::Conflicting:
                    change = m < 3 ? 1.0f : -1.0f;
                    break;
                case Band::Robust:
                    change = 1.0f + 0.1f * static_cast<float>(m);
                    break;
                }
                members[m][i] = change;
            }
        }
    }
    return members;
}

} // namespace twins::testing
