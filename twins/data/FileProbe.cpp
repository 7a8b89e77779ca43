#include "twinbench/data/FileProbe.h"

#include "twinbench/data/FileProbeCache.h"
#include "twinbench/data/remote/RemoteUrl.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <csignal>
#include <unistd.h>

namespace twins::data {

namespace {

// Which library reads the file, for the user's message: from its first bytes only (reading the
// file with any library here would defeat the probe).
QString readingLibrary(const QString& path) {
    if (remote::isRemoteUrl(path.toStdString())) {
        return QStringLiteral("HDF5/NetCDF/GDAL"); // its bytes are not read here
    }
    if (QFileInfo(path).isDir()) {
        return QStringLiteral("Zarr (GDAL)");
    }
    QFile file(path);
    QByteArray head;
    if (file.open(QIODevice::ReadOnly)) {
        head = file.read(2048 + 8);
    }
    if (head.startsWith("CDF")) {
        return QStringLiteral("HDF5/NetCDF");
    }
    static const QByteArray hdf5Signature("\x89HDF\r\n\x1a\n", 8);
    for (const qsizetype offset : {0, 512, 1024, 2048}) { // HDF5 may follow a user block
        if (head.mid(offset, 8) == hdf5Signature) {
            return QStringLiteral("HDF5/NetCDF");
        }
    }
    return QStringLiteral("GDAL");
}

// The probe's own message for a file it could not open: its last "twinbench-run probe: " line.
QString probeMessage(const QByteArray& standardError) {
    const QString prefix = QStringLiteral("twinbench-run probe: ");
    const QStringList lines = QString::fromLocal8Bit(standardError).trimmed().split(u'\n');
    for (auto line = lines.crbegin(); line != lines.crend(); ++line) {
        if (line->startsWith(prefix)) {
            return line->mid(prefix.size()).trimmed();
        }
    }
    return lines.isEmpty() ? QString() : lines.last().trimmed();
}

FileProbe::Result result(FileProbe::Outcome outcome, QString message, bool fromCache = false) {
    return FileProbe::Result{outcome, std::move(message), fromCache};
}

QString crashMessage(const QString& path) {
    return QStringLiteral("%1 crashes the %2 library: it is corrupt")
        .arg(path, readingLibrary(path));
}

} // namespace

QString FileProbe::cachePath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("probed-files.json"));
}

FileProbe::Result FileProbe::check(const QString& workerExecutable, const QString& path,
                                   std::chrono::milliseconds deadline, const QString& cacheFile) {
    // A URL is probed every time: nothing local tells whether the object changed.
    const bool remote = remote::isRemoteUrl(path.toStdString());
    const FileIdentity identity = remote ? FileIdentity{} : identifyFile(path);
    if (!remote && identity.path.isEmpty()) {
        return result(Outcome::Unreadable,
                      QStringLiteral("%1: no such file or directory").arg(path));
    }
    const FileProbeCache cache(cacheFile.isEmpty() ? cachePath() : cacheFile);
    if (!remote && cache.isKnownGood(identity)) {
        return result(Outcome::Ok, {}, true);
    }

    QProcess probe;
    // Its own process group, so a hung probe is killed with anything it started.
    probe.setChildProcessModifier([] { ::setpgid(0, 0); });
    probe.start(workerExecutable, {QStringLiteral("probe"), path});
    if (!probe.waitForStarted(10000)) {
        return result(Outcome::Failed, QStringLiteral("cannot check %1: cannot start %2: %3")
                                           .arg(path, workerExecutable, probe.errorString()));
    }
    const qint64 pid = probe.processId();
    if (!probe.waitForFinished(static_cast<int>(deadline.count()))) {
        ::kill(-static_cast<pid_t>(pid), SIGKILL);
        probe.waitForFinished(5000);
        return result(Outcome::Hung,
                      QStringLiteral("%1 hangs the %2 library: reading it did not finish within "
                                     "%3 s, so it was stopped; it is probably corrupt")
                          .arg(path, readingLibrary(path))
                          .arg(static_cast<double>(deadline.count()) / 1000.0));
    }
    if (probe.exitStatus() == QProcess::CrashExit) {
        return result(Outcome::Crashed, crashMessage(path));
    }
    if (probe.exitCode() == 0) {
        if (!remote) {
            cache.rememberGood(identity);
        }
        return result(Outcome::Ok, {});
    }
    const QString message = probeMessage(probe.readAllStandardError());
    if (probe.exitCode() == 1) {
        return result(Outcome::Unreadable, message);
    }
    return result(Outcome::Failed, QStringLiteral("cannot check %1: the probe ended with status "
                                                  "%2: %3")
                                       .arg(path)
                                       .arg(probe.exitCode())
                                       .arg(message));
}

} // namespace twins::data
