// Placeholder group: replaced as the SDK/federation work lands. Each command says plainly that
// it is not available rather than pretending.
#include "WorkerCommands.h"

#include <cstdio>

namespace worker {

const char* runCommandsUsage() {
    return "";
}

int runCommand(const QStringList&) {
    std::fprintf(stderr, "twinbench-run run: not available in this build yet\n");
    return 2;
}

int sweepCommand(const QStringList&) {
    std::fprintf(stderr, "twinbench-run sweep: not available in this build yet\n");
    return 2;
}

int statusCommand(const QStringList&) {
    std::fprintf(stderr, "twinbench-run status: not available in this build yet\n");
    return 2;
}

int logsCommand(const QStringList&) {
    std::fprintf(stderr, "twinbench-run logs: not available in this build yet\n");
    return 2;
}

int cancelCommand(const QStringList&) {
    std::fprintf(stderr, "twinbench-run cancel: not available in this build yet\n");
    return 2;
}

} // namespace worker
