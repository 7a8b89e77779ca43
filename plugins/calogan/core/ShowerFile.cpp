#include "ShowerFile.h"

#include "Geometry.h"
#include "twinbench/data/Dataset.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace calo {

using twins::data::Hdf5Writer;

ShowerFileWriter::ShowerFileWriter(const std::string& path, std::size_t events, std::uint64_t seed,
                                   const std::string& generator)
    : m_writer(path), m_events(events) {
    const std::size_t n = events;
    // One shower per chunk: readers take showers in blocks, and a 51x51x25 image of a sparse
    // shower deflates to a few kB even at level 1, which costs little time.
    m_writer.createDataset("/ECAL", Hdf5Writer::Type::Float32,
                           {n, std::size_t(cellsX), std::size_t(cellsY), std::size_t(layers)},
                           {1, std::size_t(cellsX), std::size_t(cellsY), std::size_t(layers)}, 1);
    m_writer.createDataset("/energy", Hdf5Writer::Type::Float32, {n});
    m_writer.createDataset("/theta", Hdf5Writer::Type::Float32, {n});
    m_writer.setTextAttribute("/ECAL", "units", "GeV");
    m_writer.setTextAttribute("/ECAL", "long_name",
                              "energy seen by the silicon per cell (x along the beam, y, layer)");
    m_writer.setTextAttribute("/energy", "units", "GeV");
    m_writer.setTextAttribute("/energy", "long_name", "primary energy");
    m_writer.setTextAttribute("/theta", "units", "rad");
    m_writer.setTextAttribute("/theta", "long_name", "polar angle of the primary to the beam");

    using T = Hdf5Writer::Type;
    m_writer.setTextAttribute("/", "generator", generator);
    m_writer.setTextAttribute("/", "geometry",
                              "Si/W sampling ECAL: 25 layers of 3.5 mm W + 0.5 mm Si, 5.1 mm pads");
    m_writer.setNumberAttribute("/", "seed", T::Int64, {double(seed)});
    m_writer.setNumberAttribute("/", "X0_mm", T::Float64, {effectiveX0Mm});
    m_writer.setNumberAttribute("/", "moliere_radius_mm", T::Float64, {effectiveMoliereMm});
    m_writer.setNumberAttribute("/", "critical_energy_MeV", T::Float64, {effectiveCriticalMeV});
    m_writer.setNumberAttribute("/", "absorber_X0_mm", T::Float64, {tungstenX0Mm});
    m_writer.setNumberAttribute("/", "absorber_moliere_radius_mm", T::Float64, {tungstenMoliereMm});
    m_writer.setNumberAttribute("/", "absorber_critical_energy_MeV", T::Float64,
                                {tungstenCriticalMeV});
    m_writer.setNumberAttribute("/", "effective_Z", T::Float64, {effectiveZ});
    m_writer.setNumberAttribute("/", "layer_thickness_X0", T::Float64, {layerThicknessX0});
    m_writer.setNumberAttribute("/", "cell_size_mm", T::Float64, {cellSizeMm});
    m_writer.setNumberAttribute("/", "sampling_fraction", T::Float64, {samplingFraction});
    m_writer.setNumberAttribute("/", "stochastic_term", T::Float64, {stochasticTerm});
}

void ShowerFileWriter::write(std::size_t first, std::size_t count, const float* cells,
                             const double* energies, const double* thetas) {
    m_writer.write("/ECAL", {first, 0, 0, 0},
                   {count, std::size_t(cellsX), std::size_t(cellsY), std::size_t(layers)}, cells);
    m_writer.write("/energy", {first}, {count}, energies);
    m_writer.write("/theta", {first}, {count}, thetas);
}

ShowerFileReader::ShowerFileReader(const std::string& path)
    : m_dataset(twins::data::Dataset::open(path)) {
    const auto need = [&](const char* name) -> const twins::data::DatasetVariable& {
        const auto* variable = m_dataset->findVariable(name);
        if (variable == nullptr) {
            throw std::runtime_error(path + ": no dataset '" + name +
                                     "' (expected a showers file with ECAL, energy, theta)");
        }
        return *variable;
    };
    m_ecal = &need("ECAL");
    const std::vector<std::size_t> expected{std::size_t(cellsX), std::size_t(cellsY),
                                            std::size_t(layers)};
    if (m_ecal->shape.size() != 4 ||
        !std::equal(expected.begin(), expected.end(), m_ecal->shape.begin() + 1)) {
        throw std::runtime_error(path + ": ECAL is not events x 51 x 51 x 25");
    }
    m_events = m_ecal->shape[0];
    m_energies = m_dataset->readDecoded(need("energy"));
    m_thetas = m_dataset->readDecoded(need("theta"));
    if (m_energies.size() != m_events || m_thetas.size() != m_events) {
        throw std::runtime_error(path + ": energy and theta must have one value per ECAL event");
    }
}

ShowerFileReader::~ShowerFileReader() = default;

void ShowerFileReader::read(std::size_t first, std::size_t count, std::vector<float>& cells) const {
    const std::vector<double> values = m_dataset->readDecoded(
        *m_ecal, {{first, 0, 0, 0},
                  {count, std::size_t(cellsX), std::size_t(cellsY), std::size_t(layers)},
                  {}});
    cells.resize(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        // A GAN may write NaN for an empty cell; an empty cell holds no energy.
        cells[i] = std::isnan(values[i]) ? 0.0f : static_cast<float>(values[i]);
    }
}

double ShowerFileReader::attribute(const std::string& name) const {
    for (const auto& attribute : m_dataset->root().attributes) {
        if (attribute.name == name && !attribute.numbers.empty()) {
            return attribute.numbers.front();
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

} // namespace calo
