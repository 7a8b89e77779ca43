// The fail action's unusual endings, for the worker's last-resort error handling
// (app/twinbench-run/UnexpectedErrors.h): exceptions that are not std::runtime_error, and
// exceptions escaping a thread the action started, which no catch in the worker can see and
// which end in std::terminate.
#include "TestTwin.h"
#include "twinbench/sdk/SdkError.h"

#include <stdexcept>
#include <thread>

namespace testtwin {

void throwRequestedException(const QString& kind, const QString& message) {
    if (kind == QLatin1String("runtime_error")) {
        throw std::runtime_error(message.toStdString());
    }
    if (kind == QLatin1String("logic_error")) {
        // A std::exception that is not a runtime_error, like LibTorch's c10::Error.
        throw std::logic_error(message.toStdString());
    }
    if (kind == QLatin1String("logic_error_in_thread") ||
        kind == QLatin1String("integer_in_thread")) {
        const bool integer = kind == QLatin1String("integer_in_thread");
        const std::string text = message.toStdString();
        // A helper thread of the action (a data loader, a parallel loop) failing: the exception
        // leaves the thread's function, and the C++ runtime calls std::terminate.
        std::thread([integer, text] {
            if (integer) {
                throw 42;
            }
            throw std::logic_error(text);
        }).join();
    }
    throw twins::sdk::SdkError(QStringLiteral("testtwin fail"),
                               QStringLiteral("unknown exception kind '%1'").arg(kind));
}

} // namespace testtwin
