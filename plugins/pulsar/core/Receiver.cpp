#include "Receiver.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace pulsar {

std::vector<double> bandpassGain(const ReceiverModel& model,
                                 const std::vector<double>& frequenciesGHz) {
    const double top = frequenciesGHz.front();
    const double bottom = frequenciesGHz.back();
    const double band = top - bottom;
    const double edge = 0.01 * band; // roll-off scale: the gain is ~0.05 at the outermost channel
    std::vector<double> gain(frequenciesGHz.size());
    for (std::size_t c = 0; c < gain.size(); ++c) {
        const double f = frequenciesGHz[c];
        const double rollOff = 1.0 / (1.0 + std::exp(-(f - bottom - 3.0 * edge) / edge)) /
                               (1.0 + std::exp(-(top - f - 3.0 * edge) / edge));
        const double ripple = 1.0 + model.bandpassRipple * std::sin(2.0 * std::numbers::pi * 7.0 *
                                                                    (f - bottom) / band);
        gain[c] = std::max(0.05, rollOff * ripple);
    }
    return gain;
}

std::vector<double> systemTemperature(const ReceiverModel& model,
                                      const std::vector<double>& frequenciesGHz) {
    std::vector<double> tsys(frequenciesGHz.size());
    for (std::size_t c = 0; c < tsys.size(); ++c) {
        tsys[c] = model.receiverTemperatureK +
                  model.skyTemperature408K * std::pow(frequenciesGHz[c] / 0.408, -2.55);
    }
    return tsys;
}

} // namespace pulsar
