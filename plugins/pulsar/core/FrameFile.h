#pragma once

// frames.nc: a stack of simulated frames as CF NetCDF-4, written by twins::data::NetcdfWriter
// (committed by rename). Dimensions frame, phase, frequency, label (3: Pulsar, NBRFI, BBRFI)
// and rfi (the most RFI events a frame can hold). Variables:
//   frequency(frequency) GHz, channel centres, descending; phase(phase) degree, bin centres
//   frames(frame, phase, frequency) float, K (times the bandpass gain): what is recorded
//   mask(frame, phase, frequency) short 0/1; flux(...) float, noise-free, when asked for
//   labels(frame, label) short 0/1
//   per frame: period, dm, snr, scattering_time, scintillation_index, drift, impact,
//   fiducial_phase, sparks, radiometer_factor
//   per frame and RFI event: rfi_kind (0 none) and the event's frequency, bandwidth, phase,
//   duration, intensity, frequency drift (narrowband) and phase drift (broadband)
//   bandpass(frequency), system_temperature(frequency)

#include "FrameSimulator.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace twins::data {
class NetcdfWriter;
class Dataset;
} // namespace twins::data

namespace pulsar {

class FrameFileWriter {
public:
    FrameFileWriter(const std::string& path, const FrameSimulator& simulator, std::size_t frames,
                    bool writeFlux, const std::string& runId);
    ~FrameFileWriter();
    // Frames first, first + 1, ... (in order, any block size).
    void write(std::size_t first, const std::vector<Frame>& frames);
    void commit();

private:
    const FrameSimulator& m_simulator;
    std::unique_ptr<twins::data::NetcdfWriter> m_writer;
    bool m_writeFlux;
    std::size_t m_rfiSlots;
};

// What the dedispersion peer needs from a frames file.
class FrameFileReader {
public:
    // Throws std::runtime_error naming the file and what is missing.
    explicit FrameFileReader(const std::string& path);
    ~FrameFileReader();

    std::size_t frames() const { return m_frames; }
    const std::vector<double>& frequenciesGHz() const { return m_frequencies; }
    std::size_t bins() const { return m_bins; }
    double phaseStepDeg() const { return m_phaseStepDeg; }
    const std::vector<double>& periodsS() const { return m_periods; }
    const std::vector<double>& dms() const { return m_dms; }
    const std::vector<double>& snrs() const { return m_snrs; }
    // labels[frame * 3 + {0 pulsar, 1 NBRFI, 2 BBRFI}]
    const std::vector<double>& labels() const { return m_labels; }
    // Frame i, channel-major (c * bins + k).
    std::vector<double> frame(std::size_t index) const;
    // The mask of frame i (1 where the pulsar or RFI is), channel-major like frame().
    std::vector<std::uint8_t> mask(std::size_t index) const;

private:
    std::string m_path;
    std::shared_ptr<twins::data::Dataset> m_dataset;
    std::size_t m_frames = 0;
    std::size_t m_bins = 0;
    double m_phaseStepDeg = 0.0;
    std::vector<double> m_frequencies, m_periods, m_dms, m_snrs, m_labels;
};

} // namespace pulsar
