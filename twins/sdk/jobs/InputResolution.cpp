#include "twinbench/jobs/InputResolution.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/remote/GdalHttpFilesystem.h"
#include "twinbench/data/remote/RemoteDataset.h"
#include "twinbench/data/remote/RemoteStaging.h"
#include "twinbench/data/remote/RemoteUrl.h"
#include "twinbench/runs/AtomicJson.h"
#include "twinbench/runs/Provenance.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunId.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace twins::jobs {

namespace {

// A run's outputs/, when the run has succeeded (a run still going or failed has no outputs to
// use).
QString succeededRunOutputs(const QString& input, const QString& upstreamPath) {
    const QString source = QStringLiteral("input '%1'").arg(input);
    const QString outputs = upstreamPath + QStringLiteral("/outputs");
    runs::RunState state;
    try {
        state = runs::RunDirectory::open(upstreamPath).status().state;
    } catch (const runs::RunError& error) {
        throw sdk::SdkError(source,
                            QStringLiteral("cannot read run %1: %2").arg(input, error.message()));
    }
    if (state != runs::RunState::Succeeded) {
        throw sdk::SdkError(source, QStringLiteral("run %1 has not succeeded (state %2); only a "
                                                   "succeeded run's outputs can be used")
                                        .arg(input, runs::runStateName(state)));
    }
    return QFileInfo(outputs).absoluteFilePath();
}

QString resolveRunIdInput(const runs::RunDirectory& run, const QString& input) {
    const QString upstreamPath = QFileInfo(run.path()).dir().filePath(input);
    const QString outputs = upstreamPath + QStringLiteral("/outputs");
    if (!QFileInfo(outputs).isDir()) {
        throw sdk::SdkError(QStringLiteral("input '%1'").arg(input),
                            QStringLiteral("no run %1 beside this run (expected the directory %2)")
                                .arg(input, outputs));
    }
    return succeededRunOutputs(input, upstreamPath);
}

// A path to a run's directory (its status.json beside outputs/) means the run, as its id does:
// every action reads a run's outputs, and given the directory itself it would look for
// cube.nc or model files beside status.json and say they are missing.
bool isRunDirectory(const QString& path) {
    const QDir directory(path);
    return QFileInfo(path).isDir() && directory.exists(QStringLiteral("status.json")) &&
           QFileInfo(directory.filePath(QStringLiteral("outputs"))).isDir();
}

// Fetches the URL whole into the run's work folder and describes the fetch for prov.json.
QString stageUrlInput(const runs::RunDirectory& run, int index, const QString& input,
                      const std::function<bool()>& cancelled, QJsonArray& records) {
    namespace remote = twins::data::remote;
    const std::string url = input.toStdString();
    const QString shown = QString::fromStdString(remote::urlForRecords(url));
    const QString target = QStringLiteral("%1/work/remote-inputs/%2-%3")
                               .arg(run.path())
                               .arg(index + 1)
                               .arg(QString::fromStdString(remote::stagedFileName(url)));
    double lastReported = -1.0;
    const auto progress = [&](std::uint64_t done, std::uint64_t total) {
        const double fraction = total == 0 ? 1.0 : double(done) / double(total);
        if (fraction - lastReported >= 0.05 || done == total) {
            lastReported = fraction;
            try {
                run.reportProgress(0.0, QStringLiteral("fetching input %1 (%2 of %3 MB): %4")
                                            .arg(index + 1)
                                            .arg(double(done) / 1e6, 0, 'f', 1)
                                            .arg(double(total) / 1e6, 0, 'f', 1)
                                            .arg(shown));
            } catch (const runs::RunError&) {
            }
        }
        return !(cancelled && cancelled());
    };
    remote::StagedObject staged;
    try {
        const auto client = remote::defaultHttpClient();
        // A URL that is no object but a Zarr store is fetched as the store's objects.
        if (client->probe(url) != 200 && remote::isZarrStoreUrl(*client, url)) {
            staged = remote::stageRemoteZarrStore(client->options(), url, target.toStdString(),
                                                  progress);
        } else {
            staged =
                remote::stageRemoteObject(client->options(), url, target.toStdString(), progress);
        }
    } catch (const twins::data::DataError& error) {
        // The HTTP errors name the URL as given; the record shows it without credentials.
        QString message = QString::fromStdString(error.what());
        message.replace(input, shown);
        throw sdk::SdkError(QStringLiteral("input %1").arg(index + 1), message);
    }
    QJsonObject record;
    record.insert(QStringLiteral("index"), index);
    record.insert(QStringLiteral("url"), shown);
    record.insert(QStringLiteral("etag"), QString::fromStdString(staged.object.etag));
    record.insert(QStringLiteral("lastModified"),
                  QString::fromStdString(staged.object.lastModified));
    record.insert(QStringLiteral("byteSize"), static_cast<qint64>(staged.object.size));
    record.insert(QStringLiteral("bytesFetched"), static_cast<qint64>(staged.bytesFetched));
    record.insert(QStringLiteral("sha256"), QString::fromStdString(staged.sha256));
    record.insert(QStringLiteral("fetchedWhole"), true);
    if (staged.storeObjects > 0) {
        record.insert(QStringLiteral("objects"), static_cast<qint64>(staged.storeObjects));
        record.insert(QStringLiteral("sha256Is"),
                      QStringLiteral("SHA-256 of the lines 'KEY SHA256\\n' of the Zarr store's "
                                     "objects, in key order"));
    }
    record.insert(QStringLiteral("localCopy"), QDir(run.path()).relativeFilePath(target));
    records.append(record);
    return target;
}

} // namespace

QString inputForRecords(const QString& input) {
    return twins::data::remote::isRemoteUrl(input.toStdString())
               ? QString::fromStdString(twins::data::remote::urlForRecords(input.toStdString()))
               : input;
}

QStringList resolveRunInputs(const runs::RunDirectory& run, const QStringList& inputs,
                             const std::function<bool()>& cancelled) {
    QStringList resolved;
    QJsonArray remoteRecords;
    for (const QString& input : inputs) {
        if (twins::data::remote::isRemoteUrl(input.toStdString())) {
            resolved.append(stageUrlInput(run, static_cast<int>(resolved.size()), input, cancelled,
                                          remoteRecords));
            continue;
        }
        if (input.trimmed().isEmpty()) {
            throw sdk::SdkError(QStringLiteral("input %1").arg(resolved.size() + 1),
                                QStringLiteral("is empty; expected a path or a run id"));
        }
        if (runs::isRunId(input)) {
            resolved.append(resolveRunIdInput(run, input));
            continue;
        }
        const QString path = QDir::isAbsolutePath(input)
                                 ? QDir::cleanPath(input)
                                 : QDir::cleanPath(QDir(run.path()).filePath(input));
        if (!QFileInfo::exists(path)) {
            throw sdk::SdkError(QStringLiteral("input '%1'").arg(input),
                                QStringLiteral("does not exist (resolved to %1%2)")
                                    .arg(path, QDir::isAbsolutePath(input)
                                                   ? QString()
                                                   : QStringLiteral(", relative to the run "
                                                                    "directory")));
        }
        resolved.append(isRunDirectory(path) ? succeededRunOutputs(input, path) : path);
    }
    if (!remoteRecords.isEmpty()) {
        runs::writeJsonFileAtomically(
            QDir(run.path()).filePath(QString::fromLatin1(runs::remoteInputsFile)),
            QJsonObject{{QStringLiteral("inputs"), remoteRecords}});
    }
    return resolved;
}

} // namespace twins::jobs
