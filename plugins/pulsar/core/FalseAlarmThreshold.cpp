#include "FalseAlarmThreshold.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

namespace pulsar {

double thresholdForFalseAlarmRate(std::vector<double> pulsarFreeSnrs, double rate) {
    if (pulsarFreeSnrs.empty()) {
        throw std::invalid_argument("no pulsar-free frames to set the detection threshold on");
    }
    if (!(rate > 0.0 && rate < 1.0)) {
        throw std::invalid_argument("the false-alarm rate must be within (0, 1)");
    }
    std::sort(pulsarFreeSnrs.begin(), pulsarFreeSnrs.end(), std::greater<>());
    const auto allowed = std::size_t(std::floor(rate * double(pulsarFreeSnrs.size())));
    return pulsarFreeSnrs[std::min(allowed, pulsarFreeSnrs.size() - 1)];
}

} // namespace pulsar
