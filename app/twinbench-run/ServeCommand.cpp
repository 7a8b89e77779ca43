// twinbench-run serve [--socket PATH]: the long-lived session worker for interactive queries
// (see ServeSession.h). Prints "listening on PATH" once clients may connect; stops on a
// {"query": "shutdown"} request (exit 0) or SIGTERM/SIGINT (exit 143).
#include "ServeSession.h"
#include "WorkerCommands.h"
#include "twinbench/jobs/CancellationSignals.h"

#include <QCoreApplication>
#include <QDir>
#include <QSocketNotifier>

#include <cstdio>

namespace worker {

namespace {

constexpr char serveUsage[] = "Usage: twinbench-run serve [--socket PATH]\n";
constexpr int exitStoppedBySignal = 143;

} // namespace

int serveCommand(const QStringList& arguments) {
    QString socketPath;
    for (int index = 0; index < arguments.size(); ++index) {
        if (arguments.at(index) == QLatin1String("--socket") && index + 1 < arguments.size()) {
            socketPath = arguments.at(++index);
        } else {
            std::fprintf(stderr, "twinbench-run serve: unexpected argument '%s'\n%s",
                         qPrintable(arguments.at(index)), serveUsage);
            return 2;
        }
    }
    if (socketPath.isEmpty()) {
        socketPath = QDir(QDir::tempPath())
                         .filePath(QStringLiteral("twinbench-serve-%1.sock")
                                       .arg(QCoreApplication::applicationPid()));
    }
    twins::jobs::installCancellationHandlers();

    ServeSession session(
        twins::sdk::ModuleCatalog::scan(twins::sdk::ModuleCatalog::defaultSearchPaths()));
    QString error;
    if (!session.listen(socketPath, error)) {
        std::fprintf(stderr, "twinbench-run serve: cannot listen on %s: %s\n",
                     qPrintable(socketPath), qPrintable(error));
        return 1;
    }
    int exitCode = 0;
    QObject::connect(&session, &ServeSession::shutdownRequested, qApp,
                     [] { QCoreApplication::exit(0); });
    // The signal handler only writes a byte to a pipe; the event loop turns it into an exit.
    QSocketNotifier signalNotifier(twins::jobs::cancellationWakeupFd(), QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, qApp, [&exitCode] {
        exitCode = exitStoppedBySignal;
        QCoreApplication::exit(exitStoppedBySignal);
    });
    if (twins::jobs::cancellationRequested()) {
        return exitStoppedBySignal;
    }
    std::printf("listening on %s\n", qPrintable(socketPath));
    std::fflush(stdout);
    const int loopExit = QCoreApplication::exec();
    std::fprintf(stderr, "twinbench-run serve: stopped (%s)\n",
                 exitCode == exitStoppedBySignal ? "signal" : "shutdown request");
    return loopExit;
}

} // namespace worker
