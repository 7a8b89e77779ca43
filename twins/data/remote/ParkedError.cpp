#include "twinbench/data/remote/ParkedError.h"

namespace twins::data::remote {

namespace {
thread_local std::optional<HttpError> parked;
}

void parkError(const HttpError& error) {
    if (!parked) { // the first failure is the cause; later ones are its consequences
        parked.emplace(error);
    }
}

void clearParkedError() {
    parked.reset();
}

void rethrowParkedError() {
    if (parked) {
        const HttpError error = *parked;
        parked.reset();
        throw error;
    }
}

} // namespace twins::data::remote
