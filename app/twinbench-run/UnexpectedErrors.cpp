#include "UnexpectedErrors.h"

#include "twinbench/jobs/JobExecution.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunState.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cxxabi.h>
#include <memory>
#include <mutex>
#include <typeinfo>

namespace worker {

namespace {

std::mutex activeRunMutex;
QString activeRunDirectory; // guarded by activeRunMutex
QString terminatingCommand; // set once, before any thread starts

QString demangled(const char* name) {
    int status = 0;
    std::unique_ptr<char, decltype(&std::free)> readable(
        abi::__cxa_demangle(name, nullptr, nullptr, &status), &std::free);
    return QString::fromLatin1(status == 0 && readable ? readable.get() : name);
}

// The first line only: some libraries put a backtrace after it (c10::Error's what()).
QString firstLine(const char* text) {
    const QString all = QString::fromUtf8(text).trimmed();
    return all.section(QLatin1Char('\n'), 0, 0).trimmed();
}

void markActiveRunFailed(const QString& detail) {
    QString path;
    {
        std::lock_guard guard(activeRunMutex);
        path = activeRunDirectory;
    }
    if (path.isEmpty()) {
        return;
    }
    try {
        const twins::runs::RunDirectory run = twins::runs::RunDirectory::open(path);
        run.appendLog(QStringLiteral("job failed: %1").arg(detail));
        if (!twins::runs::isTerminal(run.status().state)) {
            run.changeState(twins::runs::RunState::Failed, detail, twins::jobs::jobExitFailed);
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "twinbench-run: cannot record the failure in %s: %s\n",
                     qPrintable(path), error.what());
    } catch (...) {
        std::fprintf(stderr, "twinbench-run: cannot record the failure in %s\n", qPrintable(path));
    }
}

[[noreturn]] void onTerminate() {
    // A second terminate (from the report itself) must not recurse.
    static std::atomic<bool> reporting{false};
    if (!reporting.exchange(true)) {
        reportUnexpectedError(terminatingCommand, std::current_exception());
    }
    std::_Exit(twins::jobs::jobExitFailed);
}

} // namespace

void setActiveRunDirectory(const QString& path) {
    std::lock_guard guard(activeRunMutex);
    activeRunDirectory = path;
}

QString describeException(std::exception_ptr error) {
    if (!error) {
        return QStringLiteral("std::terminate was called without an exception (a thread left "
                              "joinable, or a library aborted)");
    }
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& exception) {
        return QStringLiteral("%1: %2").arg(demangled(typeid(exception).name()),
                                            firstLine(exception.what()));
    } catch (...) {
        const std::type_info* type = abi::__cxa_current_exception_type();
        return QStringLiteral("an exception that is not a std::exception (%1)")
            .arg(type ? demangled(type->name()) : QStringLiteral("of unknown type"));
    }
}

int reportUnexpectedError(const QString& command, std::exception_ptr error) noexcept {
    try {
        const QString detail =
            QStringLiteral("unexpected error: %1").arg(describeException(std::move(error)));
        std::fprintf(stderr, "twinbench-run %s: %s\n", qPrintable(command), qPrintable(detail));
        markActiveRunFailed(detail);
    } catch (...) {
        std::fprintf(stderr, "twinbench-run %s: unexpected error (and describing it failed)\n",
                     qPrintable(command));
    }
    return twins::jobs::jobExitFailed;
}

void installTerminateHandler(const QString& command) {
    terminatingCommand = command;
    std::set_terminate(onTerminate);
}

} // namespace worker
