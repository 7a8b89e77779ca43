#include "ProbabilityMap.h"

#include <algorithm>
#include <cmath>

namespace cyclone {

namespace {

using twins::data::NetcdfWriter;

std::size_t blockFor(double spacingDegrees) {
    return std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(1.0 / spacingDegrees)));
}

} // namespace

ProbabilityMapWriter::ProbabilityMapWriter(const std::string& path, const PatchGrid& grid,
                                           const std::vector<CfDateTime>& times,
                                           CfCalendar calendar, const std::string& runId)
    : m_writer(path), m_grid(grid), m_block(blockFor(grid.spacingDegrees())),
      m_rows((grid.rows() + m_block - 1) / m_block),
      m_columns((grid.columns() + m_block - 1) / m_block), m_step(m_rows * m_columns),
      m_sum(m_rows * m_columns, 0.0) {
    m_writer.setConventions();
    m_writer.setGlobalTextAttribute("title", "Cyclone detection probability of the CNN ensemble");
    m_writer.setProvenance(runId);
    m_writer.addHistory("twinbench cyclone infer");
    m_writer.addDimension("time", times.size());
    m_writer.addDimension("latitude", m_rows);
    m_writer.addDimension("longitude", m_columns);
    const int referenceYear = times.empty() ? 1970 : times.front().year;
    m_writer.addVariable("time", NetcdfWriter::Type::Double, {"time"});
    m_writer.setTextAttribute("time", "units",
                              "hours since " + std::to_string(referenceYear) + "-01-01 00:00:00");
    m_writer.setTextAttribute("time", "calendar", twins::data::cfCalendarName(calendar));
    m_writer.setTextAttribute("time", "standard_name", "time");
    m_writer.setTextAttribute("time", "axis", "T");
    m_writer.addVariable("latitude", NetcdfWriter::Type::Double, {"latitude"});
    m_writer.setTextAttribute("latitude", "units", "degrees_north");
    m_writer.setTextAttribute("latitude", "standard_name", "latitude");
    m_writer.setTextAttribute("latitude", "axis", "Y");
    m_writer.addVariable("longitude", NetcdfWriter::Type::Double, {"longitude"});
    m_writer.setTextAttribute("longitude", "units", "degrees_east");
    m_writer.setTextAttribute("longitude", "standard_name", "longitude");
    m_writer.setTextAttribute("longitude", "axis", "X");
    m_writer.addVariable("probability", NetcdfWriter::Type::Float,
                         {"time", "latitude", "longitude"}, 1, {1, m_rows, m_columns});
    m_writer.setTextAttribute("probability", "units", "1");
    m_writer.setTextAttribute("probability", "long_name",
                              "share of ensemble members with a cyclone centre in the cell");
    m_writer.addVariable("mean_probability", NetcdfWriter::Type::Float, {"latitude", "longitude"});
    m_writer.setTextAttribute("mean_probability", "units", "1");
    m_writer.setTextAttribute("mean_probability", "long_name",
                              "mean over time of probability: expected centres per cell and step");
    m_writer.setTextAttribute("mean_probability", "cell_methods", "time: mean");

    std::vector<double> hours;
    for (const CfDateTime& time : times) {
        hours.push_back(hoursSinceYearStart(calendar, referenceYear, time));
    }
    m_writer.write("time", {0}, {hours.size()}, hours.data());
    // Cell centres: the mean coordinate of the grid points in each block.
    std::vector<double> latitudes(m_rows);
    std::vector<double> longitudes(m_columns);
    for (std::size_t r = 0; r < m_rows; ++r) {
        const double last = static_cast<double>(std::min(grid.rows(), (r + 1) * m_block) - 1);
        latitudes[r] = grid.latLon(0.5 * (static_cast<double>(r * m_block) + last), 0.0).first;
    }
    for (std::size_t c = 0; c < m_columns; ++c) {
        const double last = static_cast<double>(std::min(grid.columns(), (c + 1) * m_block) - 1);
        longitudes[c] = grid.latLon(0.0, 0.5 * (static_cast<double>(c * m_block) + last)).second;
    }
    m_writer.write("latitude", {0}, {m_rows}, latitudes.data());
    m_writer.write("longitude", {0}, {m_columns}, longitudes.data());
}

void ProbabilityMapWriter::addStep(std::size_t step, const StepPredictions& predictions,
                                   double threshold) {
    std::fill(m_step.begin(), m_step.end(), 0.0f);
    const std::size_t tiles = m_grid.tiles().size();
    const auto share = static_cast<float>(1.0 / static_cast<double>(predictions.members));
    for (std::size_t i = 0; i < predictions.outputs.size(); ++i) {
        const MemberOutput& output = predictions.outputs[i];
        double row = 0.0;
        double column = 0.0;
        if (centreConfidence(output) < threshold ||
            !ownedPosition(m_grid, m_grid.tiles()[i % tiles], output[0], output[1], row, column)) {
            continue;
        }
        const auto r = std::min(m_rows - 1, static_cast<std::size_t>(std::lround(row)) / m_block);
        const auto c =
            std::min(m_columns - 1, static_cast<std::size_t>(std::lround(column)) / m_block);
        m_step[r * m_columns + c] += share;
    }
    for (std::size_t i = 0; i < m_step.size(); ++i) {
        m_sum[i] += m_step[i];
    }
    ++m_steps;
    m_writer.write("probability", {step, 0, 0}, {1, m_rows, m_columns}, m_step.data());
}

void ProbabilityMapWriter::commit() {
    std::vector<float> mean(m_sum.size());
    for (std::size_t i = 0; i < m_sum.size(); ++i) {
        mean[i] = m_steps ? static_cast<float>(m_sum[i] / static_cast<double>(m_steps)) : 0.0f;
    }
    m_writer.write("mean_probability", {0, 0}, {m_rows, m_columns}, mean.data());
    m_writer.commit();
}

} // namespace cyclone
