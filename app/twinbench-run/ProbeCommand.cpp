// twinbench-run probe PATH: reads a file the way the GUI will, in this short-lived process, so
// that a file which crashes or hangs the HDF5/NetCDF or GDAL libraries takes down this process
// and not the GUI (the client is twins/data's FileProbe). Exit status 0: read without a crash
// (reads the libraries refused are listed); 1: the file cannot be opened (the message says
// why); 2: usage. A crash ends the process by its signal; a hang is killed by the client.
#include "WorkerCommands.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/FileContentProbe.h"

#include <cstdio>

namespace worker {

int probeCommand(const QStringList& arguments) {
    if (arguments.size() != 1) {
        std::fprintf(stderr, "twinbench-run probe: expected one path\n"
                             "Usage: twinbench-run probe PATH\n");
        return 2;
    }
    const std::string path = arguments.first().toStdString();
    try {
        const twins::data::ContentProbeReport report = twins::data::probeFileContent(path);
        std::printf("ok %s: %s, %zu variables, %zu attributes, %zu first chunks read\n",
                    path.c_str(), report.formatName.c_str(), report.variables, report.attributes,
                    report.chunksRead);
        for (const std::string& line : report.notRead) {
            std::printf("  not read: %s\n", line.c_str());
        }
        return 0;
    } catch (const twins::data::DataError& error) {
        std::fprintf(stderr, "twinbench-run probe: %s\n", error.what());
        return 1;
    }
}

} // namespace worker
