// twinbench-run's data commands: write the embedded example, inspect a dataset, slice values.
#include "WorkerCommands.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/DatasetSummary.h"
#include "twinbench/data/examples/SyntheticSurfaceTemperature.h"
#include "twinbench/data/remote/RemoteOffline.h"

#include <cstdio>
#include <exception>

namespace worker {

const char* dataCommandsUsage() {
    return "  example OUT.nc    write the embedded example dataset (synthetic ERA5-like\n"
           "                    2 m temperature and sea-level pressure, CF NetCDF-4)\n"
           "  inspect PATH [--json]\n"
           "                    list a dataset's groups, dimensions, variables, attributes,\n"
           "                    chunking, CF-decoded min/max/mean and decoded time ranges;\n"
           "                    NetCDF-3/-4, HDF5, Zarr v2 or a GDAL raster (GeoTIFF),\n"
           "                    recognised from the content, not the extension;\n"
           "                    --json prints the same as JSON (schema in DatasetSummary.h)\n"
           "                    PATH (also of slice) may be an https:// URL (http:// to this\n"
           "                    machine only); netCDF-4/HDF5, Zarr v2 and GeoTIFF are read\n"
           "                    by range requests\n"
           "  slice PATH VAR [--index DIM=I[,DIM=I...]] [--out FILE.csv|FILE.npy]\n"
           "                    CF-decoded values of VAR with the given dimensions fixed;\n"
           "                    one or two dimensions must remain. VAR is a name or a\n"
           "                    group path (/group/var). CSV (header row, one value per\n"
           "                    row with its coordinates; stdout without --out) or NumPy\n"
           "                    .npy (float64, NaN where masked)\n"
           "  probe PATH        open a dataset and read every attribute and the first chunk\n"
           "                    of every variable (variable-length data included), to see\n"
           "                    whether it crashes or hangs the reading libraries; the GUI\n"
           "                    runs it in a separate process before it opens a new file\n";
}

int exampleCommand(const QStringList& arguments) {
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

int inspectCommand(const QStringList& arguments) {
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
        const auto dataset = twins::data::openDataset(path);
        if (const std::string notice = twins::data::remote::offlineNotice(path); !notice.empty()) {
            std::fprintf(stderr, "twinbench-run inspect: %s\n", notice.c_str());
        }
        const twins::data::DatasetSummary summary = twins::data::summarizeDataset(*dataset);
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

} // namespace worker
