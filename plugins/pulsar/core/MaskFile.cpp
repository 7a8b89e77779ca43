#include "MaskFile.h"

#include "twinbench/data/NetcdfWriter.h"

namespace pulsar {

using Type = twins::data::NetcdfWriter::Type;

MaskFileWriter::MaskFileWriter(const std::string& path, const NetworkGrid& grid, std::size_t frames,
                               const std::vector<double>& frequenciesGHz,
                               const std::vector<double>& axis, const std::string& axisName,
                               const std::string& axisUnits, const std::string& runId,
                               const std::string& title)
    : m_grid(grid), m_writer(std::make_unique<twins::data::NetcdfWriter>(path)) {
    auto& w = *m_writer;
    w.setConventions();
    w.setProvenance(runId);
    w.setGlobalTextAttribute("title", title);
    w.addDimension("frame", frames);
    w.addDimension("phase", std::size_t(grid.phaseBins));
    w.addDimension("frequency", std::size_t(grid.channels));
    w.addVariable("frequency", Type::Double, {"frequency"});
    w.setTextAttribute("frequency", "units", "GHz");
    w.setTextAttribute("frequency", "long_name", "centre frequency of the network grid's column");
    w.addVariable("phase", Type::Double, {"phase"});
    w.setTextAttribute("phase", "units", axisUnits);
    w.setTextAttribute("phase", "long_name",
                       "centre of the network grid's row along the recording's " + axisName);
    const std::vector<std::size_t> chunk{1, std::size_t(grid.phaseBins),
                                         std::size_t(grid.channels)};
    w.addVariable("frames", Type::Float, {"frame", "phase", "frequency"}, 1, chunk);
    w.setTextAttribute("frames", "units", "1");
    w.setTextAttribute("frames", "long_name",
                       "frame resampled to the network grid, in units of its radiometer noise");
    w.addVariable("mask_probability", Type::Float, {"frame", "phase", "frequency"}, 1, chunk);
    w.setTextAttribute("mask_probability", "long_name",
                       "U-Net probability that the pixel holds pulsar or RFI signal");
    w.addVariable("mask", Type::Short, {"frame", "phase", "frequency"}, 1, chunk);
    w.setTextAttribute("mask", "long_name", "predicted mask: mask_probability >= 0.5");
    for (const char* name : {"p_pulsar", "p_nbrfi", "p_bbrfi"}) {
        w.addVariable(name, Type::Float, {"frame"});
        w.setTextAttribute(name, "units", "1");
    }
    w.write("frequency", {0}, {frequenciesGHz.size()}, frequenciesGHz.data());
    w.write("phase", {0}, {axis.size()}, axis.data());
}

MaskFileWriter::~MaskFileWriter() = default;

void MaskFileWriter::write(std::size_t index, const float* input, const float* maskProbability,
                           const float* probabilities) {
    const std::size_t pixels = m_grid.pixels();
    const std::vector<std::size_t> start{index, 0, 0};
    const std::vector<std::size_t> count{1, std::size_t(m_grid.phaseBins),
                                         std::size_t(m_grid.channels)};
    m_writer->write("frames", start, count, input);
    m_writer->write("mask_probability", start, count, maskProbability);
    std::vector<short> mask(pixels);
    for (std::size_t i = 0; i < pixels; ++i) {
        mask[i] = maskProbability[i] >= 0.5f ? 1 : 0;
    }
    m_writer->write("mask", start, count, mask.data());
    const char* names[] = {"p_pulsar", "p_nbrfi", "p_bbrfi"};
    for (std::size_t l = 0; l < 3; ++l) {
        m_writer->write(names[l], {index}, {1}, probabilities + l);
    }
}

void MaskFileWriter::commit() {
    m_writer->commit();
}

std::vector<double> resampledCentres(double first, double last, std::size_t inputCells,
                                     std::size_t count) {
    // Input cell i has centre first + i * step; the span's edges are half a step outside.
    const double step = inputCells > 1 ? (last - first) / double(inputCells - 1) : 1.0;
    const double low = first - 0.5 * step;
    const double width = step * double(inputCells) / double(count);
    std::vector<double> centres(count);
    for (std::size_t j = 0; j < count; ++j) {
        centres[j] = low + (double(j) + 0.5) * width;
    }
    return centres;
}

} // namespace pulsar
