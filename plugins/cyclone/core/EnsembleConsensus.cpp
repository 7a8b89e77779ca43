#include "EnsembleConsensus.h"

#include <algorithm>
#include <cmath>

namespace cyclone {

double centreConfidence(const MemberOutput& output) {
    return std::clamp(1.0 + std::min(output[0], output[1]), 0.0, 1.0);
}

double sortedQuantile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) {
        return std::nan("");
    }
    const double position = q * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

namespace {

// Tukey's fences of one coordinate of the voters: [Q1 - 1.5 IQR, Q3 + 1.5 IQR].
std::pair<double, double> fences(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const double q1 = sortedQuantile(values, 0.25);
    const double q3 = sortedQuantile(values, 0.75);
    const double range = q3 - q1;
    return {q1 - 1.5 * range, q3 + 1.5 * range};
}

double sampleDeviation(const std::vector<double>& values, double mean) {
    if (values.size() < 2) {
        return 0.0;
    }
    double squares = 0.0;
    for (const double value : values) {
        squares += (value - mean) * (value - mean);
    }
    return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

} // namespace

TileConsensus tileConsensus(const std::vector<MemberOutput>& outputs,
                            const ConsensusSettings& settings) {
    TileConsensus result;
    std::vector<std::size_t> voters;
    for (std::size_t m = 0; m < outputs.size(); ++m) {
        if (centreConfidence(outputs[m]) >= settings.threshold) {
            voters.push_back(m);
        }
    }
    result.voters = static_cast<int>(voters.size());
    if (voters.empty() || result.voters < settings.consensus) {
        return result;
    }
    std::vector<double> rows;
    std::vector<double> columns;
    for (const std::size_t m : voters) {
        rows.push_back(std::clamp(static_cast<double>(outputs[m][0]), 0.0, 1.0));
        columns.push_back(std::clamp(static_cast<double>(outputs[m][1]), 0.0, 1.0));
    }
    const auto [rowLow, rowHigh] = fences(rows);
    const auto [columnLow, columnHigh] = fences(columns);
    std::vector<double> keptRows;
    std::vector<double> keptColumns;
    double confidence = 0.0;
    for (std::size_t v = 0; v < voters.size(); ++v) {
        if (rows[v] < rowLow || rows[v] > rowHigh || columns[v] < columnLow ||
            columns[v] > columnHigh) {
            continue;
        }
        result.members.push_back(voters[v]);
        keptRows.push_back(rows[v]);
        keptColumns.push_back(columns[v]);
        confidence += centreConfidence(outputs[voters[v]]);
    }
    result.kept = static_cast<int>(keptRows.size());
    if (result.kept == 0 || result.kept < settings.consensus) {
        return result;
    }
    double rowSum = 0.0;
    double columnSum = 0.0;
    for (std::size_t k = 0; k < keptRows.size(); ++k) {
        rowSum += keptRows[k];
        columnSum += keptColumns[k];
    }
    result.detected = true;
    result.row = rowSum / result.kept;
    result.column = columnSum / result.kept;
    result.rowSpread = sampleDeviation(keptRows, result.row);
    result.columnSpread = sampleDeviation(keptColumns, result.column);
    result.confidence = confidence / static_cast<double>(outputs.size());
    return result;
}

} // namespace cyclone
