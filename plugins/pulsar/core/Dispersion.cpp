#include "Dispersion.h"

namespace pulsar {

double dispersionDelayMs(double dm, double fGHz, double fRefGHz) {
    return dispersionConstantMs * dm * (1.0 / (fGHz * fGHz) - 1.0 / (fRefGHz * fRefGHz));
}

double dmStepForDelay(double delayMs, double lowGHz, double highGHz) {
    return delayMs / dispersionDelayMs(1.0, lowGHz, highGHz);
}

} // namespace pulsar
