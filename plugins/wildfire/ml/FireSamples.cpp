#include "FireSamples.h"

#include "DriverCube.h"
#include "WildfireError.h"
#include "twinbench/data/CfTime.h"
#include "twinbench/data/Dataset.h"

#include <algorithm>
#include <cmath>

namespace wildfire {

namespace {

using twins::data::Dataset;
using twins::data::DatasetVariable;
using twins::data::Hyperslab;

const DatasetVariable& requireVariable(const Dataset& dataset, const std::string& name,
                                       const std::string& path) {
    const DatasetVariable* variable = dataset.findVariable(name);
    if (variable == nullptr) {
        throw WildfireError(path + " has no variable '" + name +
                            "' (expected the cube.nc of a wildfire generate run)");
    }
    return *variable;
}

std::size_t paddedTo(std::size_t size, std::size_t multiple) {
    return (size + multiple - 1) / multiple * multiple;
}

} // namespace

const std::vector<std::string>& FireSamples::driverNames() {
    static const std::vector<std::string> names{"lai", "lst_day", "rel_hum", "ssr",
                                                "sst", "t2m_min", "tp",      "lsm"};
    return names;
}

std::vector<std::size_t> FireSamples::samplesOfYears(int first, int last) const {
    std::vector<std::size_t> samples;
    for (std::size_t k = 0; k < steps; ++k) {
        if (years[k] >= first && years[k] <= last) {
            samples.push_back(k);
        }
    }
    return samples;
}

FireSamples loadFireSamples(const std::string& cubePath, int lead, int trainFirstYear,
                            int trainLastYear, std::size_t multiple) {
    const auto dataset = Dataset::open(cubePath);
    const DatasetVariable& burnedVariable = requireVariable(*dataset, "fcci_ba", cubePath);
    const DatasetVariable& timeVariable = requireVariable(*dataset, "time", cubePath);
    if (burnedVariable.shape.size() != 3) {
        throw WildfireError(cubePath + ": fcci_ba is not (time, latitude, longitude)");
    }
    const std::size_t cubeSteps = burnedVariable.shape[0];
    const std::size_t height = burnedVariable.shape[1];
    const std::size_t width = burnedVariable.shape[2];
    if (lead < 1 || cubeSteps <= static_cast<std::size_t>(lead)) {
        throw WildfireError("parameter 'lead' is " + std::to_string(lead) + " steps: " + cubePath +
                            " has " + std::to_string(cubeSteps) +
                            " steps, so no sample would have a target");
    }
    FireSamples samples;
    samples.height = height;
    samples.width = width;
    samples.rows = paddedTo(height, multiple);
    samples.columns = paddedTo(width, multiple);
    samples.steps = cubeSteps - static_cast<std::size_t>(lead);
    const auto decoder = twins::data::CfTimeDecoder::forVariable(timeVariable, cubePath);
    const std::vector<double> times = dataset->readDecoded(timeVariable);
    for (std::size_t k = 0; k < samples.steps; ++k) {
        samples.years.push_back(decoder.decode(times[k]).year);
    }
    if (samples.samplesOfYears(trainFirstYear, trainLastYear).empty()) {
        throw WildfireError("no training sample in " + std::to_string(trainFirstYear) + ".." +
                            std::to_string(trainLastYear) + ": " + cubePath + " covers " +
                            std::to_string(samples.years.front()) + ".." +
                            std::to_string(samples.years.back()));
    }

    const std::size_t plane = samples.rows * samples.columns;
    const std::size_t channels = FireSamples::driverNames().size();
    const std::vector<double> lsm =
        dataset->readDecoded(requireVariable(*dataset, "lsm", cubePath));
    samples.landMask.assign(plane, 0.0f);
    for (std::size_t r = 0; r < height; ++r) {
        for (std::size_t c = 0; c < width; ++c) {
            samples.landMask[r * samples.columns + c] = lsm[r * width + c] >= 0.5 ? 1.0f : 0.0f;
        }
    }
    // Cells whose expected drivers have a hole (driverExpected), per step: masked out of the
    // loss and the scores rather than trained on a made-up value.
    std::vector<unsigned char> masked(samples.steps * height * width, 0);
    samples.drivers.assign(samples.steps * channels * plane, 0.0f);
    samples.burned.assign(samples.steps * plane, 0.0f);
    samples.logArea.assign(samples.steps * plane, 0.0f);
    for (std::size_t v = 0; v < channels; ++v) {
        const std::string& name = FireSamples::driverNames()[v];
        const DatasetVariable& variable = requireVariable(*dataset, name, cubePath);
        const bool isStatic = variable.shape.size() == 2;
        // The statistics of the training years' valid cells (one scalar per variable).
        double sum = 0.0;
        double squares = 0.0;
        std::size_t count = 0;
        std::vector<std::vector<double>> fields(samples.steps);
        for (std::size_t k = 0; k < samples.steps; ++k) {
            fields[k] =
                isStatic
                    ? lsm
                    : dataset->readDecoded(variable, Hyperslab{{k, 0, 0}, {1, height, width}, {}});
            if (samples.years[k] < trainFirstYear || samples.years[k] > trainLastYear) {
                continue;
            }
            for (const double value : fields[k]) {
                if (std::isfinite(value)) {
                    sum += value;
                    squares += value * value;
                    ++count;
                }
            }
        }
        const double mean = count > 0 ? sum / count : 0.0;
        const double std =
            count > 0 ? std::sqrt(std::max(0.0, squares / count - mean * mean)) : 0.0;
        samples.means.push_back(mean);
        samples.stds.push_back(std > 0.0 ? std : 1.0);
        for (std::size_t k = 0; k < samples.steps; ++k) {
            float* out = samples.drivers.data() + (k * channels + v) * plane;
            for (std::size_t r = 0; r < height; ++r) {
                for (std::size_t c = 0; c < width; ++c) {
                    const double value = fields[k][r * width + c];
                    out[r * samples.columns + c] =
                        std::isfinite(value)
                            ? static_cast<float>((value - mean) / samples.stds.back())
                            : 0.0f;
                    if (!std::isfinite(value) && driverExpected(name, lsm[r * width + c] >= 0.5)) {
                        masked[(k * height + r) * width + c] = 1;
                    }
                }
            }
        }
    }
    for (std::size_t k = 0; k < samples.steps; ++k) {
        const std::vector<double> target = dataset->readDecoded(
            burnedVariable,
            Hyperslab{{k + static_cast<std::size_t>(lead), 0, 0}, {1, height, width}, {}});
        float* out = samples.burned.data() + k * plane;
        float* area = samples.logArea.data() + k * plane;
        for (std::size_t r = 0; r < height; ++r) {
            for (std::size_t c = 0; c < width; ++c) {
                const double value = target[r * width + c];
                const bool valid =
                    masked[(k * height + r) * width + c] == 0 && std::isfinite(value);
                out[r * samples.columns + c] = !valid ? -1.0f : (value > 0.0 ? 1.0f : 0.0f);
                area[r * samples.columns + c] =
                    valid ? static_cast<float>(std::log1p(std::max(0.0, value))) : 0.0f;
            }
        }
    }
    return samples;
}

} // namespace wildfire
