#pragma once

// Frames from any NetCDF or HDF5 file for classify: a 2-D variable over (phase or time,
// frequency) in either order, or a stack of them (a third dimension), with a frequency
// coordinate in Hz, kHz, MHz or GHz (CF units attribute) ascending or descending. Without a
// units attribute a coordinate named like a frequency (containing "freq") is read as GHz, the
// convention of ML-PPA's files (`dataframe` over `rot_phases` x `freqs`), unless its values
// exceed 100, which only MHz makes sense of. The frames are handed out channel-major with the
// top of the band first and the phase or time axis ascending, as the simulator makes them.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace twins::data {
class Dataset;
struct DatasetVariable;
} // namespace twins::data

namespace pulsar {

class FrameStackFile {
public:
    // `variable` empty: "frames", else "dataframe", else the only variable of rank 2 or 3 with a
    // frequency coordinate. Throws std::runtime_error naming the file and the variable: a 1-D
    // or 4-D variable, no frequency coordinate, no candidate or several.
    FrameStackFile(const std::string& path, const std::string& variable = {});
    ~FrameStackFile();

    const std::string& path() const { return m_path; }
    const std::string& variable() const { return m_variable; }
    std::size_t frames() const { return m_frames; }
    std::size_t channels() const { return m_frequencies.size(); }
    std::size_t bins() const { return m_bins; }
    const std::vector<double>& frequenciesGHz() const { return m_frequencies; } // descending
    const std::string& axisDimension() const { return m_axisDimension; }
    // The axis coordinate ascending (bin indices when the file has none), with its units.
    const std::vector<double>& axis() const { return m_axis; }
    const std::string& axisUnits() const { return m_axisUnits; }
    // Frame i: values[c * bins + k], channel 0 the top of the band, k along the ascending axis;
    // missing values (NaN) are replaced by the frame's mean.
    std::vector<double> frame(std::size_t index) const;

private:
    std::string m_path;
    std::string m_variable;
    std::shared_ptr<twins::data::Dataset> m_dataset;
    std::vector<std::size_t> m_shape;
    int m_frequencyDim = -1;
    int m_axisDim = -1;
    int m_stackDim = -1; // -1: one frame
    bool m_frequencyAscending = false;
    bool m_axisDescending = false;
    std::size_t m_frames = 1;
    std::size_t m_bins = 0;
    std::vector<double> m_frequencies;
    std::string m_axisDimension;
    std::vector<double> m_axis;
    std::string m_axisUnits;
};

} // namespace pulsar
