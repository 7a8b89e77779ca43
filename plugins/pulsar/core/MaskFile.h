#pragma once

// masks.nc (classify) and examples.nc (validate): frames on the networks' grid with the U-Net's
// predicted mask, CF NetCDF-4 written by twins::data::NetcdfWriter (committed by rename), so the
// spectrogram result shows a frame with its predicted mask:
//   frequency(frequency) GHz, column centres, descending; phase(phase) the row centres in the
//   recording's axis units (degree for frames, s for a time axis)
//   frames(frame, phase, frequency) float, plane 0 of the networks' input (each channel
//   standardised over phase; NetworkInput.h)
//   mask_probability(...) float, the U-Net's sigmoid; mask(...) short, probability >= 0.5
//   p_pulsar, p_nbrfi, p_bbrfi (frame): the classifier's probabilities

#include "NetworkInput.h"

#include <memory>
#include <string>
#include <vector>

namespace twins::data {
class NetcdfWriter;
}

namespace pulsar {

class MaskFileWriter {
public:
    // frequenciesGHz: grid.channels column centres; axis: grid.phaseBins row centres.
    MaskFileWriter(const std::string& path, const NetworkGrid& grid, std::size_t frames,
                   const std::vector<double>& frequenciesGHz, const std::vector<double>& axis,
                   const std::string& axisName, const std::string& axisUnits,
                   const std::string& runId, const std::string& title);
    ~MaskFileWriter();
    // Frame `index`: plane 0 of its input and its mask probability (grid.pixels() each) and the
    // 3 probabilities.
    void write(std::size_t index, const float* input, const float* maskProbability,
               const float* probabilities);
    void commit();

private:
    NetworkGrid m_grid;
    std::unique_ptr<twins::data::NetcdfWriter> m_writer;
};

// Centres of `count` equal cells spanning [first, last] (first and last the centres of the
// outer input cells, `inputCells` of them): where the resampled grid's cells lie.
std::vector<double> resampledCentres(double first, double last, std::size_t inputCells,
                                     std::size_t count);

} // namespace pulsar
