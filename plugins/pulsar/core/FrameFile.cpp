#include "FrameFile.h"

#include "twinbench/data/Dataset.h"
#include "twinbench/data/NetcdfWriter.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace pulsar {

using Type = twins::data::NetcdfWriter::Type;

namespace {

struct PerFrame {
    const char* name;
    const char* units;
    const char* longName;
};

// Per-frame parameters, in file order.
const PerFrame perFrame[] = {
    {"period", "s", "rotation period the frame is folded at"},
    {"dm", "pc cm-3", "dispersion measure of the frame's pulsar"},
    {"snr", "1",
     "S/N of the pulse: peak of the dedispersed band-summed profile above the "
     "off-pulse mean over the off-pulse standard deviation; 0 without a pulsar"},
    {"scattering_time", "ms", "scattering time at 1 GHz (scales as f^-4.4)"},
    {"scintillation_index", "1", "scintillation modulation index"},
    {"drift", "degree", "spark carousel drift per rotation"},
    {"impact", "degree", "impact angle of the line of sight to the magnetic axis"},
    {"fiducial_phase", "degree", "phase at which the line of sight passes the magnetic axis"},
    {"sparks", "1", "number of sparks on the polar cap"},
    {"radiometer_factor", "1",
     "pixel noise over gain times system temperature, 1/sqrt(n_pol bandwidth time)"},
};

std::vector<double> perFrameValues(const FrameParameters& p) {
    return {p.periodS,
            p.dm,
            p.snr,
            p.scatteringMs,
            p.scintillationIndex,
            p.driftDeg,
            p.impactDeg,
            p.fiducialPhaseDeg,
            double(p.sparks),
            p.radiometerFactor};
}

const PerFrame perEvent[] = {
    {"rfi_frequency", "GHz",
     "narrowband: carrier frequency at the start of its span; "
     "broadband: centre of the band it covers"},
    {"rfi_bandwidth", "GHz", "narrowband: width of the carrier; broadband: band covered"},
    {"rfi_phase", "degree",
     "broadband: phase of the impulse at the top of its band; "
     "narrowband: centre of the phases it is on"},
    {"rfi_duration", "degree", "broadband: width of the impulse; narrowband: phases it is on"},
    {"rfi_intensity", "1", "intensity in units of each pixel's radiometer noise"},
    {"rfi_frequency_drift", "GHz degree-1",
     "narrowband drifting carrier: frequency change per "
     "degree of phase"},
    {"rfi_phase_drift", "degree GHz-1", "chirped broadband impulse: phase change per GHz"},
};

std::vector<double> eventValues(const RfiEvent& e, const FrameGrid& grid) {
    const double df = grid.channelWidthGHz;
    const double step = grid.phaseStepDeg;
    const double top = grid.frequenciesGHz.front();
    const double spanCentre = double(e.spanStart) + 0.5 * double(e.spanLength - 1);
    if (isNarrowband(e.kind)) {
        return {top - e.centre * df,
                double(e.width) * df,
                spanCentre * step,
                double(e.spanLength) * step,
                e.intensity,
                -e.drift * df / step,
                0.0};
    }
    return {top - spanCentre * df, double(e.spanLength) * df,
            e.centre * step,       double(e.width) * step,
            e.intensity,           0.0,
            -e.drift * step / df};
}

} // namespace

FrameFileWriter::FrameFileWriter(const std::string& path, const FrameSimulator& simulator,
                                 std::size_t frames, bool writeFlux, const std::string& runId)
    : m_simulator(simulator), m_writer(std::make_unique<twins::data::NetcdfWriter>(path)),
      m_writeFlux(writeFlux), m_rfiSlots(2 * std::size_t(simulator.config().rfiMaxCount)) {
    const FrameGrid& grid = simulator.grid();
    auto& w = *m_writer;
    w.setConventions();
    w.setProvenance(runId);
    w.addHistory("twinbench pulsar simulate");
    w.setGlobalTextAttribute("title", "Simulated pulsar and RFI frames (frequency x rotational "
                                      "phase, two rotations)");
    w.setGlobalTextAttribute("label_names", "Pulsar NBRFI BBRFI");
    w.setGlobalTextAttribute("seed", std::to_string(simulator.config().seed));
    w.addDimension("frame", frames);
    w.addDimension("phase", grid.bins());
    w.addDimension("frequency", grid.channels());
    w.addDimension("label", 3);
    w.addDimension("rfi", m_rfiSlots);

    w.addVariable("frequency", Type::Double, {"frequency"});
    w.setTextAttribute("frequency", "units", "GHz");
    w.setTextAttribute("frequency", "long_name", "channel centre frequency");
    w.addVariable("phase", Type::Double, {"phase"});
    w.setTextAttribute("phase", "units", "degree");
    w.setTextAttribute("phase", "long_name", "rotational phase (bin centre), two rotations");

    const std::vector<std::size_t> chunk{1, grid.bins(), grid.channels()};
    w.addVariable("frames", Type::Float, {"frame", "phase", "frequency"}, 0, chunk);
    w.setTextAttribute("frames", "units", "K");
    w.setTextAttribute("frames", "long_name", "recorded power");
    w.setTextAttribute("frames", "comment",
                       "bandpass gain times (system + pulsar temperature), plus RFI and "
                       "radiometer noise");
    w.addVariable("mask", Type::Short, {"frame", "phase", "frequency"}, 1, chunk);
    w.setTextAttribute("mask", "long_name",
                       "1 where the pulsar (half maximum of each channel) "
                       "or RFI is, from the noise-free flux");
    if (m_writeFlux) {
        w.addVariable("flux", Type::Float, {"frame", "phase", "frequency"}, 1, chunk);
        w.setTextAttribute("flux", "units", "K");
        w.setTextAttribute("flux", "long_name", "noise-free pulsar and RFI signal");
    }
    w.addVariable("labels", Type::Short, {"frame", "label"});
    w.setTextAttribute("labels", "long_name", "multi-label truth: Pulsar, NBRFI, BBRFI");
    w.setTextAttribute("labels", "label_names", "Pulsar NBRFI BBRFI");
    for (const PerFrame& v : perFrame) {
        w.addVariable(v.name, Type::Double, {"frame"});
        w.setTextAttribute(v.name, "units", v.units);
        w.setTextAttribute(v.name, "long_name", v.longName);
    }
    w.addVariable("rfi_kind", Type::Short, {"frame", "rfi"});
    w.setNumberAttribute("rfi_kind", "flag_values", Type::Short, {0, 1, 2, 3, 4, 5, 6});
    w.setTextAttribute("rfi_kind", "flag_meanings",
                       "none narrowband_steady narrowband_drifting narrowband_intermittent "
                       "broadband_steady broadband_chirped broadband_band_limited");
    for (const PerFrame& v : perEvent) {
        w.addVariable(v.name, Type::Double, {"frame", "rfi"});
        w.setTextAttribute(v.name, "units", v.units);
        w.setTextAttribute(v.name, "long_name", v.longName);
        w.setNumberAttribute(v.name, "_FillValue", Type::Double,
                             {std::numeric_limits<double>::quiet_NaN()});
    }
    w.addVariable("bandpass", Type::Double, {"frequency"});
    w.setTextAttribute("bandpass", "long_name", "receiver gain");
    w.addVariable("system_temperature", Type::Double, {"frequency"});
    w.setTextAttribute("system_temperature", "units", "K");

    w.write("frequency", {0}, {grid.channels()}, grid.frequenciesGHz.data());
    w.write("phase", {0}, {grid.bins()}, grid.phasesDeg.data());
    w.write("bandpass", {0}, {grid.channels()}, simulator.bandpass().data());
    w.write("system_temperature", {0}, {grid.channels()}, simulator.systemTemperature().data());
}

FrameFileWriter::~FrameFileWriter() = default;

void FrameFileWriter::write(std::size_t first, const std::vector<Frame>& frames) {
    const FrameGrid& grid = m_simulator.grid();
    const std::size_t channels = grid.channels();
    const std::size_t bins = grid.bins();
    auto& w = *m_writer;
    std::vector<float> values(channels * bins);
    std::vector<short> mask(channels * bins);
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const Frame& frame = frames[i];
        const std::size_t index = first + i;
        // Channel-major in memory, (phase, frequency) in the file.
        auto transpose = [&](const std::vector<double>& source) {
            for (std::size_t c = 0; c < channels; ++c) {
                for (std::size_t k = 0; k < bins; ++k) {
                    values[k * channels + c] = float(source[c * bins + k]);
                }
            }
        };
        transpose(frame.data);
        w.write("frames", {index, 0, 0}, {1, bins, channels}, values.data());
        if (m_writeFlux) {
            std::vector<double> flux(frame.pulsarFlux.size());
            for (std::size_t j = 0; j < flux.size(); ++j) {
                flux[j] = frame.pulsarFlux[j] + frame.rfiFlux[j];
            }
            transpose(flux);
            w.write("flux", {index, 0, 0}, {1, bins, channels}, values.data());
        }
        for (std::size_t c = 0; c < channels; ++c) {
            for (std::size_t k = 0; k < bins; ++k) {
                mask[k * channels + c] = short(frame.mask[c * bins + k]);
            }
        }
        w.write("mask", {index, 0, 0}, {1, bins, channels}, mask.data());
        const FrameParameters& p = frame.parameters;
        const double labels[3] = {p.pulsar ? 1.0 : 0.0, p.nbrfi ? 1.0 : 0.0, p.bbrfi ? 1.0 : 0.0};
        w.write("labels", {index, 0}, {1, 3}, labels);
        const std::vector<double> parameters = perFrameValues(p);
        for (std::size_t v = 0; v < parameters.size(); ++v) {
            w.write(perFrame[v].name, {index}, {1}, &parameters[v]);
        }
        std::vector<double> kinds(m_rfiSlots, 0.0);
        std::vector<std::vector<double>> events(
            std::size(perEvent),
            std::vector<double>(m_rfiSlots, std::numeric_limits<double>::quiet_NaN()));
        for (std::size_t e = 0; e < p.rfi.size() && e < m_rfiSlots; ++e) {
            kinds[e] = double(int(p.rfi[e].kind));
            const std::vector<double> values = eventValues(p.rfi[e], grid);
            for (std::size_t v = 0; v < values.size(); ++v) {
                events[v][e] = values[v];
            }
        }
        w.write("rfi_kind", {index, 0}, {1, m_rfiSlots}, kinds.data());
        for (std::size_t v = 0; v < events.size(); ++v) {
            w.write(perEvent[v].name, {index, 0}, {1, m_rfiSlots}, events[v].data());
        }
    }
}

void FrameFileWriter::commit() {
    m_writer->commit();
}

FrameFileReader::FrameFileReader(const std::string& path)
    : m_path(path), m_dataset(twins::data::Dataset::open(path)) {
    auto need = [&](const char* name) -> const twins::data::DatasetVariable& {
        const auto* variable = m_dataset->findVariable(name);
        if (variable == nullptr) {
            throw std::runtime_error(path + " has no variable '" + name +
                                     "' (expected frames.nc of a pulsar simulate run)");
        }
        return *variable;
    };
    const auto& frames = need("frames");
    if (frames.shape.size() != 3) {
        throw std::runtime_error(path + ": 'frames' must be (frame, phase, frequency)");
    }
    m_frames = frames.shape[0];
    m_bins = frames.shape[1];
    m_frequencies = m_dataset->readDecoded(need("frequency"));
    const std::vector<double> phases = m_dataset->readDecoded(need("phase"));
    if (m_frequencies.size() != frames.shape[2] || phases.size() != m_bins || m_bins < 2) {
        throw std::runtime_error(path + ": the frequency and phase coordinates do not match "
                                        "'frames'");
    }
    m_phaseStepDeg = phases[1] - phases[0];
    m_periods = m_dataset->readDecoded(need("period"));
    m_dms = m_dataset->readDecoded(need("dm"));
    m_snrs = m_dataset->readDecoded(need("snr"));
    m_labels = m_dataset->readDecoded(need("labels"));
}

FrameFileReader::~FrameFileReader() = default;

std::vector<double> FrameFileReader::frame(std::size_t index) const {
    const std::size_t channels = m_frequencies.size();
    twins::data::Hyperslab slab;
    slab.start = {index, 0, 0};
    slab.count = {1, m_bins, channels};
    const std::vector<double> values = m_dataset->readDecoded("frames", slab);
    std::vector<double> result(values.size());
    for (std::size_t k = 0; k < m_bins; ++k) {
        for (std::size_t c = 0; c < channels; ++c) {
            result[c * m_bins + k] = values[k * channels + c];
        }
    }
    return result;
}

std::vector<std::uint8_t> FrameFileReader::mask(std::size_t index) const {
    const std::size_t channels = m_frequencies.size();
    twins::data::Hyperslab slab;
    slab.start = {index, 0, 0};
    slab.count = {1, m_bins, channels};
    const std::vector<double> values = m_dataset->readDecoded("mask", slab);
    std::vector<std::uint8_t> result(values.size());
    for (std::size_t k = 0; k < m_bins; ++k) {
        for (std::size_t c = 0; c < channels; ++c) {
            result[c * m_bins + k] = values[k * channels + c] > 0.5 ? 1 : 0;
        }
    }
    return result;
}

} // namespace pulsar
