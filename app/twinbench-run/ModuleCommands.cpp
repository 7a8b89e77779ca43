// Placeholder group: replaced as the SDK/federation work lands. Each command says plainly that
// it is not available rather than pretending.
#include "WorkerCommands.h"

#include <cstdio>

namespace worker {

const char* moduleCommandsUsage() {
    return "";
}

int modulesCommand(const QStringList&) {
    std::fprintf(stderr, "twinbench-run modules: not available in this build yet\n");
    return 2;
}

int describeCommand(const QStringList&) {
    std::fprintf(stderr, "twinbench-run describe: not available in this build yet\n");
    return 2;
}

int jobCommand(const QStringList&) {
    std::fprintf(stderr, "twinbench-run job: not available in this build yet\n");
    return 2;
}

int serveCommand(const QStringList&) {
    std::fprintf(stderr, "twinbench-run serve: not available in this build yet\n");
    return 2;
}

} // namespace worker
