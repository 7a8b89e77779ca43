#include "twinbench/insitu/CatalystAdaptor.h"

#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>

namespace twins::insitu {

namespace {
const char* const adaptorFileName = "libtwinbench_catalyst.so";
}

QStringList catalystAdaptorCandidates() {
    const QString explicitPath = qEnvironmentVariable("TWINBENCH_CATALYST_ADAPTOR");
    if (!explicitPath.isEmpty()) {
        return {explicitPath};
    }
    QStringList candidates;
    const QString executable = QFileInfo(QStringLiteral("/proc/self/exe")).symLinkTarget();
    if (!executable.isEmpty()) {
        const QDir bin = QFileInfo(executable).absoluteDir();
        candidates << QDir::cleanPath(bin.filePath(QStringLiteral("../lib/twinbench/")) +
                                      QLatin1Char('/') + QLatin1String(adaptorFileName));
    }
    candidates << QStringLiteral(TWINBENCH_BUILD_DIR "/catalyst/") +
                      QLatin1String(adaptorFileName);
    return candidates;
}

QString findCatalystAdaptor() {
    for (const QString& candidate : catalystAdaptorCandidates()) {
        if (QFileInfo(candidate).isFile()) {
            return candidate;
        }
    }
    return {};
}

QString requireCatalystAdaptor() {
    const QString found = findCatalystAdaptor();
    if (found.isEmpty()) {
        throw sdk::SdkError(
            QStringLiteral("insitu=catalyst"),
            QStringLiteral("this worker has no ParaView Catalyst adaptor (%1 not found in "
                           "%2); it is built only where ParaView 5.11's libraries are "
                           "unpacked (twins/insitu/README.md). insitu=extracts writes "
                           "CF NetCDF snapshots without it.")
                .arg(QLatin1String(adaptorFileName),
                     catalystAdaptorCandidates().join(QStringLiteral(", "))));
    }
    return found;
}

} // namespace twins::insitu
