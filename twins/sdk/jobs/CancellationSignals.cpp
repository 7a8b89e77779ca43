#include "twinbench/jobs/CancellationSignals.h"

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace twins::jobs {

namespace {

std::atomic<int> receivedSignal{0};
static_assert(std::atomic<int>::is_always_lock_free, "signal handlers need a lock-free atomic");
int wakeupPipe[2] = {-1, -1};

extern "C" void onCancellationSignal(int signalNumber) {
    const int savedErrno = errno;
    receivedSignal.store(signalNumber);
    if (wakeupPipe[1] >= 0) {
        const char byte = 1;
        // Non-blocking: if the pipe is full a wake-up is already pending, nothing is lost.
        [[maybe_unused]] const ssize_t written = ::write(wakeupPipe[1], &byte, 1);
    }
    errno = savedErrno;
}

} // namespace

void installCancellationHandlers() {
    if (wakeupPipe[0] < 0 && ::pipe2(wakeupPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        wakeupPipe[0] = wakeupPipe[1] = -1; // polling cancellationRequested() still works
    }
    struct sigaction action {};
    action.sa_handler = onCancellationSignal;
    sigemptyset(&action.sa_mask);
    // SA_RESTART: a blocking read or sleep in plugin code resumes instead of failing with EINTR;
    // the plugin sees the request through isCancelled().
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
}

bool cancellationRequested() {
    return receivedSignal.load() != 0;
}

int cancellationSignal() {
    return receivedSignal.load();
}

int cancellationWakeupFd() {
    return wakeupPipe[0];
}

} // namespace twins::jobs
