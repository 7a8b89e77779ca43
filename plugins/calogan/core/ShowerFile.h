#pragma once

// The showers file of the twin, in the layout of the original 3DGAN data: datasets
// ECAL (events x 51 x 51 x 25, float32, GeV seen by the silicon), energy (events, GeV) and
// theta (events, radians, as the original stores it), plus root attributes recording the
// seed and the physics constants of Geometry.h so a file says how it was made.

#include "twinbench/data/Hdf5Writer.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace twins::data {
class Dataset;
struct DatasetVariable;
} // namespace twins::data

namespace calo {

class ShowerFileWriter {
public:
    // The file appears at `path` only after commit().
    ShowerFileWriter(const std::string& path, std::size_t events, std::uint64_t seed,
                     const std::string& generator);
    // `count` showers from event `first`: cells (count x cellsPerShower), energies in GeV,
    // thetas in radians.
    void write(std::size_t first, std::size_t count, const float* cells, const double* energies,
               const double* thetas);
    void commit() { m_writer.commit(); }

private:
    twins::data::Hdf5Writer m_writer;
    std::size_t m_events;
};

// A showers file read back (ours, or any file with the same layout, e.g. a GAN's).
class ShowerFileReader {
public:
    // Throws std::runtime_error naming the file when ECAL, energy or theta is missing or
    // ECAL is not N x 51 x 51 x 25.
    explicit ShowerFileReader(const std::string& path);
    ~ShowerFileReader();

    std::size_t events() const { return m_events; }
    const std::vector<double>& energies() const { return m_energies; }
    const std::vector<double>& thetas() const { return m_thetas; }
    // Showers [first, first + count) into cells (count x cellsPerShower).
    void read(std::size_t first, std::size_t count, std::vector<float>& cells) const;
    // A numeric root attribute, NaN when absent.
    double attribute(const std::string& name) const;
    const twins::data::Dataset& dataset() const { return *m_dataset; }

private:
    std::shared_ptr<twins::data::Dataset> m_dataset;
    const twins::data::DatasetVariable* m_ecal = nullptr;
    std::size_t m_events = 0;
    std::vector<double> m_energies;
    std::vector<double> m_thetas;
};

} // namespace calo
