#pragma once

// Runs body(i) for i in [0, count) on `threads` threads (the caller's thread is one of them),
// handing out indices one at a time so uneven items balance. The first exception thrown by a
// body is rethrown after every thread has stopped. Results must not depend on the thread
// count: each item writes only its own outputs and draws from its own random stream.

#include <cstddef>
#include <functional>

namespace pulsar {

void parallelFor(std::size_t count, int threads, const std::function<void(std::size_t)>& body);

} // namespace pulsar
