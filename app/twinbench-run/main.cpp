// twinbench-run: the headless worker. It grows commands as the engine grows (modules, run,
// sweep, status, logs, cancel, job, serve); today it reports its versions, writes the embedded
// example dataset and inspects NetCDF files.
#include "twinbench/data/DataError.h"
#include "twinbench/data/DatasetSummary.h"
#include "twinbench/data/LibraryVersions.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/data/examples/SyntheticSurfaceTemperature.h"
#include "twinbench/sdk/BuildInfo.h"

#include <QCoreApplication>

#include <cstdio>
#include <exception>

namespace {

constexpr const char* usage =
    "Usage: twinbench-run [--help] [--version] COMMAND [ARGS]\n"
    "\n"
    "The Twinbench worker: runs twin jobs headless, locally or on a cluster node.\n"
    "\n"
    "Commands:\n"
    "  example OUT.nc    write the embedded example dataset (synthetic ERA5-like\n"
    "                    2 m temperature and sea-level pressure, CF NetCDF-4)\n"
    "  inspect PATH [--json]\n"
    "                    list a NetCDF file's dimensions, variables, attributes,\n"
    "                    chunking, CF-decoded min/max/mean and decoded time ranges;\n"
    "                    --json prints the same as JSON (schema in DatasetSummary.h)\n"
    "\n"
    "Options:\n"
    "  -h, --help        show this help and exit\n"
    "  -v, --version     show versions of Twinbench and its libraries and exit\n"
    "\n"
    "Exit status: 0 success, 1 data error (unreadable file, ...), 2 usage error.\n";

int printVersion() {
    std::printf("twinbench-run %s (%s)\n", twins::sdk::twinbenchVersion().c_str(),
                twins::sdk::gitRevision().c_str());
    std::printf("Qt %s, NetCDF %s, HDF5 %s, GDAL %s, LibTorch %s\n", qVersion(),
                twins::data::netcdfVersion().c_str(), twins::data::hdf5Version().c_str(),
                twins::data::gdalVersion().c_str(), twins::sdk::torchVersion().c_str());
    return 0;
}

int writeExample(const QStringList& arguments) {
    if (arguments.size() != 1) {
        std::fprintf(stderr, "twinbench-run example: expected one output path, got %lld\n",
                     static_cast<long long>(arguments.size()));
        return 2;
    }
    try {
        twins::data::examples::writeSyntheticSurfaceFile(arguments.first().toStdString());
    } catch (const twins::data::DataError& error) {
        std::fprintf(stderr, "twinbench-run example: %s\n", error.what());
        return 1;
    }
    std::printf("wrote %s\n", qPrintable(arguments.first()));
    return 0;
}

int inspect(const QStringList& arguments) {
    bool json = false;
    QStringList paths;
    for (const QString& argument : arguments) {
        if (argument == QLatin1String("--json")) {
            json = true;
        } else if (argument.startsWith(QLatin1Char('-')) && argument != QLatin1String("-")) {
            std::fprintf(stderr,
                         "twinbench-run inspect: unknown option '%s'\n"
                         "Usage: twinbench-run inspect PATH [--json]\n",
                         qPrintable(argument));
            return 2;
        } else {
            paths.append(argument);
        }
    }
    if (paths.size() != 1) {
        std::fprintf(stderr,
                     "twinbench-run inspect: expected one path, got %lld\n"
                     "Usage: twinbench-run inspect PATH [--json]\n",
                     static_cast<long long>(paths.size()));
        return 2;
    }
    const std::string path = paths.first().toStdString();
    std::string output;
    try {
        const auto file = twins::data::NetcdfFile::open(path);
        const twins::data::DatasetSummary summary = twins::data::summarizeDataset(*file);
        output = json ? twins::data::summaryJson(summary) : twins::data::summaryText(summary);
    } catch (const twins::data::DataError& error) {
        std::fprintf(stderr, "twinbench-run inspect: %s\n", error.what());
        return 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "twinbench-run inspect: %s: %s\n", path.c_str(), error.what());
        return 1;
    }
    std::fwrite(output.data(), 1, output.size(), stdout);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication application(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Twinbench"));
    QCoreApplication::setApplicationName(QStringLiteral("twinbench-run"));
    QStringList arguments = application.arguments().mid(1);
    if (arguments.isEmpty()) {
        std::fprintf(stderr, "%s", usage);
        return 2;
    }
    const QString first = arguments.takeFirst();
    if (first == QLatin1String("-h") || first == QLatin1String("--help")) {
        std::printf("%s", usage);
        return 0;
    }
    if (first == QLatin1String("-v") || first == QLatin1String("--version")) {
        return printVersion();
    }
    if (first == QLatin1String("example")) {
        return writeExample(arguments);
    }
    if (first == QLatin1String("inspect")) {
        return inspect(arguments);
    }
    std::fprintf(stderr, "twinbench-run: unknown command '%s'\nTry 'twinbench-run --help'.\n",
                 qPrintable(first));
    return 2;
}
