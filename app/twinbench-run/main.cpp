// twinbench-run: the headless worker. main() only dispatches; the commands live in one file per
// area of the engine (see WorkerCommands.h).
#include "UnexpectedErrors.h"
#include "WorkerCommands.h"
#include "twinbench/data/LibraryVersions.h"
#include "twinbench/federation/RemoteDataSettings.h"
#include "twinbench/sdk/BuildInfo.h"

#include <QCoreApplication>

#include <cstdio>
#include <string>

namespace {

std::string usage() {
    std::string text =
        "Usage: twinbench-run [--help] [--version] COMMAND [ARGS]\n"
        "\n"
        "The Twinbench worker: runs twin jobs headless, locally or on a cluster node.\n"
        "\n"
        "Commands:\n";
    text += worker::dataCommandsUsage();
    text += worker::stacCommandsUsage();
    text += worker::moduleCommandsUsage();
    text += worker::runCommandsUsage();
    text += worker::signInCommandsUsage();
    text +=
        "\n"
        "Options:\n"
        "  -h, --help        show this help and exit\n"
        "  -v, --version     show versions of Twinbench and its libraries and exit\n"
        "\n"
        "Exit status: 0 success, 1 failure (unreadable file, failed run, ...), 2 usage error.\n";
    return text;
}

int printVersion() {
    std::printf("twinbench-run %s (%s)\n", twins::sdk::twinbenchVersion().c_str(),
                twins::sdk::gitRevision().c_str());
    std::printf("Qt %s, NetCDF %s, HDF5 %s, GDAL %s, LibTorch %s\n", qVersion(),
                twins::data::netcdfVersion().c_str(), twins::data::hdf5Version().c_str(),
                twins::data::gdalVersion().c_str(), twins::sdk::torchVersion().c_str());
    return 0;
}

struct Command {
    const char* name;
    int (*function)(const QStringList&);
};

constexpr Command commands[] = {
    {"example", worker::exampleCommand}, {"inspect", worker::inspectCommand},
    {"slice", worker::sliceCommand},     {"probe", worker::probeCommand},
    {"modules", worker::modulesCommand}, {"describe", worker::describeCommand},
    {"job", worker::jobCommand},         {"serve", worker::serveCommand},
    {"run", worker::runCommand},         {"sweep", worker::sweepCommand},
    {"status", worker::statusCommand},   {"logs", worker::logsCommand},
    {"cancel", worker::cancelCommand},   {"models", worker::modelsCommand},
    {"login", worker::loginCommand},     {"logout", worker::logoutCommand},
    {"stac", worker::stacCommand},
};

} // namespace

int main(int argc, char** argv) {
    QCoreApplication application(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Twinbench"));
    QCoreApplication::setApplicationName(QStringLiteral("twinbench-run"));
    // s3:// URLs: endpoint and keys from the settings and the keychain, asked on first use.
    twins::federation::installRemoteDataSettings();
    QStringList arguments = application.arguments().mid(1);
    if (arguments.isEmpty()) {
        std::fprintf(stderr, "%s", usage().c_str());
        return 2;
    }
    const QString first = arguments.takeFirst();
    if (first == QLatin1String("-h") || first == QLatin1String("--help")) {
        std::printf("%s", usage().c_str());
        return 0;
    }
    if (first == QLatin1String("-v") || first == QLatin1String("--version")) {
        return printVersion();
    }
    for (const Command& command : commands) {
        if (first == QLatin1String(command.name)) {
            // Commands catch what they expect; the rest ends here (UnexpectedErrors.h).
            worker::installTerminateHandler(first);
            try {
                return command.function(arguments);
            } catch (...) {
                return worker::reportUnexpectedError(first, std::current_exception());
            }
        }
    }
    std::fprintf(stderr, "twinbench-run: unknown command '%s'\nTry 'twinbench-run --help'.\n",
                 qPrintable(first));
    return 2;
}
