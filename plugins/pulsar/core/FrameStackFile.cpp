#include "FrameStackFile.h"

#include "twinbench/data/Dataset.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

namespace pulsar {

namespace {

using twins::data::DatasetVariable;

std::string lower(std::string text) {
    for (char& c : text) {
        c = char(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) {
        text += (text.empty() ? "" : ", ") + name;
    }
    return text;
}

// GHz per unit of a frequency coordinate's units attribute; 0 when it is not a frequency unit.
double gigahertzPerUnit(const std::string& units) {
    const std::string u = lower(units);
    if (u == "ghz") {
        return 1.0;
    }
    if (u == "mhz") {
        return 1e-3;
    }
    if (u == "khz") {
        return 1e-6;
    }
    if (u == "hz" || u == "s-1" || u == "1/s") {
        return 1e-9;
    }
    return 0.0;
}

// The coordinate of `dimension` as a frequency in GHz, or empty when it is not one.
std::vector<double> frequencyCoordinate(const twins::data::Dataset& dataset,
                                        const DatasetVariable& variable,
                                        const std::string& dimension) {
    const DatasetVariable* coordinate = dataset.coordinateVariable(variable, dimension);
    if (coordinate == nullptr) {
        return {};
    }
    const std::string units = coordinate->units();
    double scale = gigahertzPerUnit(units);
    const bool named =
        lower(coordinate->name).find("freq") != std::string::npos ||
        lower(coordinate->text("standard_name")).find("frequency") != std::string::npos;
    if (scale == 0.0 && !(units.empty() && named)) {
        return {};
    }
    std::vector<double> values = dataset.readDecoded(*coordinate);
    if (scale == 0.0) { // no units: GHz (ML-PPA), unless only MHz makes sense of the values
        const double largest =
            values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
        scale = largest > 100.0 ? 1e-3 : 1.0;
    }
    for (double& v : values) {
        v *= scale;
    }
    return values;
}

bool looksLikeAxis(const twins::data::Dataset& dataset, const DatasetVariable& variable,
                   const std::string& dimension) {
    const std::string name = lower(dimension);
    for (const char* word : {"phase", "time", "bin", "sample"}) {
        if (name.find(word) != std::string::npos) {
            return true;
        }
    }
    const DatasetVariable* coordinate = dataset.coordinateVariable(variable, dimension);
    if (coordinate != nullptr) {
        const std::string units = lower(coordinate->units());
        return units.rfind("deg", 0) == 0 || units == "s" || units == "ms" || units == "rad" ||
               units.find(" since ") != std::string::npos;
    }
    return false;
}

bool hasFrequencyDimension(const twins::data::Dataset& dataset, const DatasetVariable& variable) {
    for (const std::string& dimension : variable.dimensions) {
        if (!frequencyCoordinate(dataset, variable, dimension).empty()) {
            return true;
        }
    }
    return false;
}

const DatasetVariable& chooseVariable(const twins::data::Dataset& dataset, const std::string& path,
                                      const std::string& requested) {
    const std::string expected = "expected 2-D frames over (phase or time, frequency), or a stack "
                                 "of them, with a frequency coordinate";
    if (!requested.empty()) {
        const DatasetVariable* found = dataset.findVariable(requested);
        if (found == nullptr) {
            throw std::runtime_error(path + " has no variable '" + requested + "'");
        }
        return *found;
    }
    for (const char* name : {"frames", "dataframe"}) {
        if (const DatasetVariable* found = dataset.findVariable(name)) {
            return *found;
        }
    }
    std::vector<const DatasetVariable*> candidates;
    std::vector<std::string> others;
    for (const DatasetVariable* v : dataset.variables()) {
        if (v->isCoordinate() || !v->isNumeric()) {
            continue;
        }
        if ((v->rank() == 2 || v->rank() == 3) && hasFrequencyDimension(dataset, *v)) {
            candidates.push_back(v);
        } else {
            others.push_back(v->name);
        }
    }
    if (candidates.size() == 1) {
        return *candidates.front();
    }
    if (candidates.empty()) {
        if (others.size() == 1) {
            return *dataset.findVariable(others.front()); // its own error says what is wrong
        }
        throw std::runtime_error(
            path + " holds no variable of frames (" + expected +
            "); its data variables: " + (others.empty() ? std::string("none") : joined(others)));
    }
    std::vector<std::string> names;
    for (const DatasetVariable* v : candidates) {
        names.push_back(v->name);
    }
    throw std::runtime_error(path + " holds several variables of frames (" + joined(names) +
                             "): name one with the parameter 'variable'");
}

} // namespace

FrameStackFile::FrameStackFile(const std::string& path, const std::string& variableName)
    : m_path(path), m_dataset(twins::data::Dataset::open(path)) {
    const DatasetVariable& variable = chooseVariable(*m_dataset, path, variableName);
    m_variable = variable.name;
    const std::string where = "variable '" + m_variable + "' of " + path;
    const std::string expected = "expected 2-D frames over (phase or time, frequency), or a stack "
                                 "of them (frame, phase or time, frequency), with a frequency "
                                 "coordinate";
    if (!variable.isNumeric()) {
        throw std::runtime_error(where + " does not hold numbers; " + expected);
    }
    if (variable.rank() < 2 || variable.rank() > 3) {
        throw std::runtime_error(where + " is " + std::to_string(variable.rank()) + "-D (" +
                                 joined(variable.dimensions) + "); " + expected);
    }
    m_shape = variable.shape;
    for (std::size_t d = 0; d < variable.rank(); ++d) {
        std::vector<double> f = frequencyCoordinate(*m_dataset, variable, variable.dimensions[d]);
        if (!f.empty() && m_frequencyDim < 0) {
            m_frequencyDim = int(d);
            m_frequencies = std::move(f);
        }
    }
    if (m_frequencyDim < 0) {
        throw std::runtime_error(where + " has no frequency coordinate: none of its dimensions (" +
                                 joined(variable.dimensions) +
                                 ") has a coordinate variable with units Hz, kHz, MHz or GHz (or a "
                                 "name containing 'freq'); " +
                                 expected);
    }
    if (m_frequencies.size() != m_shape[std::size_t(m_frequencyDim)] || m_frequencies.size() < 2) {
        throw std::runtime_error(where + ": its frequency coordinate has " +
                                 std::to_string(m_frequencies.size()) +
                                 " values (needs the dimension's length, at least 2)");
    }
    std::vector<int> rest;
    for (int d = 0; d < int(variable.rank()); ++d) {
        if (d != m_frequencyDim) {
            rest.push_back(d);
        }
    }
    if (rest.size() == 1) {
        m_axisDim = rest[0];
    } else {
        // The phase or time axis is the one that says so; otherwise the innermost other one.
        const bool first =
            looksLikeAxis(*m_dataset, variable, variable.dimensions[std::size_t(rest[0])]);
        const bool second =
            looksLikeAxis(*m_dataset, variable, variable.dimensions[std::size_t(rest[1])]);
        m_axisDim = first && !second ? rest[0] : rest[1];
        m_stackDim = m_axisDim == rest[0] ? rest[1] : rest[0];
        m_frames = m_shape[std::size_t(m_stackDim)];
    }
    m_bins = m_shape[std::size_t(m_axisDim)];
    m_axisDimension = variable.dimensions[std::size_t(m_axisDim)];
    if (const DatasetVariable* axis = m_dataset->coordinateVariable(variable, m_axisDimension)) {
        m_axis = m_dataset->readDecoded(*axis);
        m_axisUnits = axis->units();
    }
    if (m_axis.size() != m_bins) {
        m_axis.resize(m_bins);
        for (std::size_t k = 0; k < m_bins; ++k) {
            m_axis[k] = double(k);
        }
        m_axisUnits = "1";
    }
    m_axisDescending = m_bins > 1 && m_axis.back() < m_axis.front();
    if (m_axisDescending) {
        std::reverse(m_axis.begin(), m_axis.end());
    }
    m_frequencyAscending = m_frequencies.back() > m_frequencies.front();
    if (m_frequencyAscending) {
        std::reverse(m_frequencies.begin(), m_frequencies.end());
    }
    if (m_frames == 0 || m_bins == 0) {
        throw std::runtime_error(where + " is empty");
    }
}

FrameStackFile::~FrameStackFile() = default;

std::vector<double> FrameStackFile::frame(std::size_t index) const {
    const std::size_t rank = m_shape.size();
    twins::data::Hyperslab slab;
    slab.start.assign(rank, 0);
    slab.count = m_shape;
    if (m_stackDim >= 0) {
        slab.start[std::size_t(m_stackDim)] = index;
        slab.count[std::size_t(m_stackDim)] = 1;
    }
    const std::vector<double> values = m_dataset->readDecoded(m_variable, slab);
    // Strides of the frequency and axis dimensions in the slab (row-major).
    std::vector<std::size_t> stride(rank, 1);
    for (std::size_t d = rank - 1; d > 0; --d) {
        stride[d - 1] = stride[d] * slab.count[d];
    }
    const std::size_t channels = m_frequencies.size();
    const std::size_t fStride = stride[std::size_t(m_frequencyDim)];
    const std::size_t aStride = stride[std::size_t(m_axisDim)];
    std::vector<double> result(channels * m_bins);
    double sum = 0.0;
    std::size_t finite = 0;
    for (std::size_t c = 0; c < channels; ++c) {
        const std::size_t fc = m_frequencyAscending ? channels - 1 - c : c;
        for (std::size_t k = 0; k < m_bins; ++k) {
            const std::size_t ak = m_axisDescending ? m_bins - 1 - k : k;
            const double v = values[fc * fStride + ak * aStride];
            result[c * m_bins + k] = v;
            if (std::isfinite(v)) {
                sum += v;
                ++finite;
            }
        }
    }
    const double mean = finite > 0 ? sum / double(finite) : 0.0;
    for (double& v : result) {
        if (!std::isfinite(v)) {
            v = mean;
        }
    }
    return result;
}

} // namespace pulsar
