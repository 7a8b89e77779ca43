#include "twinbench/runs/Provenance.h"

#include "twinbench/runs/AtomicJson.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunId.h"
#include "twinbench/runs/Sha256.h"
#include "twinbench/sdk/BuildInfo.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

namespace twins::runs {

namespace {

// PROV-JSON typed literal: {"$": "value", "type": "xsd:..."}.
QJsonObject typed(const QString& value, const QString& type) {
    QJsonObject literal;
    literal.insert(QStringLiteral("$"), value);
    literal.insert(QStringLiteral("type"), type);
    return literal;
}

QJsonObject qualifiedName(const QString& name) {
    return typed(name, QStringLiteral("prov:QUALIFIED_NAME"));
}

// Local part of a qualified name: keeps path separators readable and percent-escapes the rest
// (spaces, colons, ...), which PROV-N allows in local names.
QString localName(const QString& text) {
    return QString::fromLatin1(QUrl::toPercentEncoding(text, QByteArrayLiteral("/-._~")));
}

QJsonObject fileEntity(const QString& filePath, const QString& label) {
    const QFileInfo info(filePath);
    QJsonObject entity;
    entity.insert(QStringLiteral("prov:type"), qualifiedName(QStringLiteral("twinbench:File")));
    entity.insert(QStringLiteral("prov:label"), label);
    entity.insert(QStringLiteral("twinbench:sha256"), sha256OfFile(filePath));
    entity.insert(QStringLiteral("twinbench:byteSize"),
                  typed(QString::number(info.size()), QStringLiteral("xsd:long")));
    return entity;
}

// Files under outputs/, relative paths sorted so the document is stable for identical runs.
QStringList outputFiles(const QString& outputsPath) {
    QStringList files;
    QDirIterator iterator(outputsPath, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                          QDirIterator::Subdirectories);
    const QDir base(outputsPath);
    while (iterator.hasNext()) {
        files << base.relativeFilePath(iterator.next());
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool isUrlInput(const QString& input) {
    for (const char* scheme : {"http://", "https://", "s3://", "davs://", "dav://"}) {
        if (input.startsWith(QLatin1String(scheme), Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

// remoteInputsFile's records by input index.
QHash<int, QJsonObject> remoteInputRecords(const RunDirectory& run) {
    QHash<int, QJsonObject> records;
    QFile file(QDir(run.path()).filePath(QString::fromLatin1(remoteInputsFile)));
    if (!file.open(QIODevice::ReadOnly)) {
        return records;
    }
    const QJsonArray inputs =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("inputs")).toArray();
    for (const QJsonValue& value : inputs) {
        const QJsonObject record = value.toObject();
        records.insert(record.value(QStringLiteral("index")).toInt(-1), record);
    }
    return records;
}

// A remote input as fetched: where from (without credentials), which version, how many bytes
// crossed the network, and the SHA-256 of the object (fetched whole).
QJsonObject remoteEntity(const QJsonObject& record, QString* entityId) {
    const QString url = record.value(QStringLiteral("url")).toString();
    *entityId = QStringLiteral("twinbench:remote/") + localName(url);
    QJsonObject entity;
    entity.insert(QStringLiteral("prov:type"),
                  qualifiedName(QStringLiteral("twinbench:RemoteObject")));
    entity.insert(QStringLiteral("prov:label"),
                  url.section(QLatin1Char('/'), -1).section(QLatin1Char('?'), 0, 0));
    entity.insert(QStringLiteral("prov:location"), typed(url, QStringLiteral("xsd:anyURI")));
    for (const char* key : {"etag", "lastModified"}) {
        const QString value = record.value(QLatin1String(key)).toString();
        if (!value.isEmpty()) {
            entity.insert(QStringLiteral("twinbench:") + QLatin1String(key), value);
        }
    }
    entity.insert(QStringLiteral("twinbench:sha256"), record.value(QStringLiteral("sha256")));
    entity.insert(QStringLiteral("twinbench:byteSize"),
                  typed(QString::number(record.value(QStringLiteral("byteSize")).toInteger()),
                        QStringLiteral("xsd:long")));
    entity.insert(QStringLiteral("twinbench:bytesFetched"),
                  typed(QString::number(record.value(QStringLiteral("bytesFetched")).toInteger()),
                        QStringLiteral("xsd:long")));
    entity.insert(QStringLiteral("twinbench:fetchedWhole"),
                  record.value(QStringLiteral("fetchedWhole")).toBool());
    if (record.contains(QStringLiteral("objects"))) { // a Zarr store: objects and hash rule
        entity.insert(QStringLiteral("twinbench:objects"),
                      typed(QString::number(record.value(QStringLiteral("objects")).toInteger()),
                            QStringLiteral("xsd:long")));
        entity.insert(QStringLiteral("twinbench:sha256Is"),
                      record.value(QStringLiteral("sha256Is")).toString());
    }
    return entity;
}

class DocumentBuilder {
public:
    void addEntity(const QString& id, const QJsonObject& attributes) {
        m_entities.insert(id, attributes);
    }
    void addRelation(QJsonObject& relations, const QString& kind, QJsonObject attributes) {
        relations.insert(QStringLiteral("_:%1%2").arg(kind).arg(++m_counter), attributes);
    }

    QJsonObject m_entities;
    QJsonObject m_used;
    QJsonObject m_generated;
    QJsonObject m_associations;
    int m_counter = 0;
};

} // namespace

QJsonObject buildProvenance(const RunDirectory& run) {
    const RunSpec spec = run.spec();
    const RunStatus status = run.status();
    if (!isTerminal(status.state)) {
        throw RunError(run.statusPath(),
                       QStringLiteral("run %1 has not finished (state %2); provenance is recorded "
                                      "for finished runs only")
                           .arg(run.runId(), runStateName(status.state)));
    }

    const QString activityId = QStringLiteral("run:") + localName(run.runId());
    const QString specId = activityId + QStringLiteral("/spec.json");
    const QString version = QString::fromStdString(twins::sdk::twinbenchVersion());
    const QString revision = QString::fromStdString(twins::sdk::gitRevision());
    const QString agentId = QStringLiteral("twinbench:software/") + localName(version) +
                            QLatin1Char('/') + localName(revision);
    DocumentBuilder builder;

    QJsonObject prefix;
    prefix.insert(QStringLiteral("twinbench"), QString::fromLatin1(provTwinbenchNamespace));
    prefix.insert(QStringLiteral("run"), QString::fromLatin1(provRunNamespace));
    prefix.insert(QStringLiteral("file"), QString::fromLatin1(provFileNamespace));

    QJsonObject activity;
    activity.insert(QStringLiteral("prov:type"), qualifiedName(QStringLiteral("twinbench:Run")));
    activity.insert(QStringLiteral("prov:label"), spec.moduleId + QLatin1Char(' ') + spec.action);
    // A run cancelled before it started has no start time; PROV makes both times optional.
    if (status.startedAt.isValid()) {
        activity.insert(QStringLiteral("prov:startTime"), isoTime(status.startedAt));
    }
    if (status.finishedAt.isValid()) {
        activity.insert(QStringLiteral("prov:endTime"), isoTime(status.finishedAt));
    }
    activity.insert(QStringLiteral("twinbench:module"), spec.moduleId);
    activity.insert(QStringLiteral("twinbench:action"), spec.action);
    activity.insert(QStringLiteral("twinbench:backend"), spec.backend);
    activity.insert(QStringLiteral("twinbench:state"), runStateName(status.state));
    if (status.exitCode) {
        activity.insert(QStringLiteral("twinbench:exitCode"),
                        typed(QString::number(*status.exitCode), QStringLiteral("xsd:int")));
    }
    activity.insert(
        QStringLiteral("twinbench:parameters"),
        QString::fromUtf8(QJsonDocument(spec.parameters).toJson(QJsonDocument::Compact)));
    activity.insert(QStringLiteral("twinbench:specCodeVersion"),
                    spec.twinbenchVersion + QLatin1Char(' ') + spec.gitRevision);
    QJsonObject activities;
    activities.insert(activityId, activity);

    QJsonObject agent;
    agent.insert(QStringLiteral("prov:type"), qualifiedName(QStringLiteral("prov:SoftwareAgent")));
    agent.insert(QStringLiteral("prov:label"), QString::fromStdString(twins::sdk::versionLine()));
    agent.insert(QStringLiteral("twinbench:version"), version);
    agent.insert(QStringLiteral("twinbench:gitRevision"), revision);
    QJsonObject agents;
    agents.insert(agentId, agent);

    // The spec is the plan the software followed.
    QJsonObject plan = fileEntity(run.specPath(), QStringLiteral("spec.json"));
    plan.insert(QStringLiteral("prov:type"), qualifiedName(QStringLiteral("prov:Plan")));
    builder.addEntity(specId, plan);
    QJsonObject association;
    association.insert(QStringLiteral("prov:activity"), activityId);
    association.insert(QStringLiteral("prov:agent"), agentId);
    association.insert(QStringLiteral("prov:plan"), specId);
    builder.addRelation(builder.m_associations, QStringLiteral("association"), association);

    const QDir runDirectory(run.path());
    const QHash<int, QJsonObject> remoteRecords = remoteInputRecords(run);
    for (int index = 0; index < spec.inputs.size(); ++index) {
        const QString& input = spec.inputs.at(index);
        QString entityId;
        QJsonObject entity;
        const QFileInfo info(runDirectory, input);
        if (isUrlInput(input)) {
            if (remoteRecords.contains(index)) {
                entity = remoteEntity(remoteRecords.value(index), &entityId);
            } else {
                // Not the URL itself: it may carry credentials, and only the fetch's record
                // holds the form without them.
                entityId =
                    activityId + QStringLiteral("/remote-input/") + QString::number(index + 1);
                entity.insert(QStringLiteral("prov:type"),
                              qualifiedName(QStringLiteral("twinbench:RemoteObject")));
                entity.insert(QStringLiteral("prov:label"),
                              QStringLiteral("remote input %1").arg(index + 1));
                entity.insert(QStringLiteral("twinbench:note"),
                              QStringLiteral("no record of its fetch (%1 is missing)")
                                  .arg(QString::fromLatin1(remoteInputsFile)));
            }
        } else if (info.isFile()) {
            const QString path = info.absoluteFilePath();
            entityId = QStringLiteral("file:") + localName(path);
            entity = fileEntity(path, info.fileName());
        } else if (isRunId(input)) {
            // Not "run:<id>" itself: that names the earlier run's activity in its own record.
            entityId = QStringLiteral("run:") + input + QStringLiteral("/outputs");
            entity.insert(QStringLiteral("prov:type"),
                          qualifiedName(QStringLiteral("twinbench:RunOutputs")));
            entity.insert(QStringLiteral("prov:label"), QStringLiteral("outputs of run ") + input);
        } else {
            // Recorded rather than dropped, so the record does not claim fewer inputs than the
            // spec named; without content there is no hash to give.
            const QString path = info.absoluteFilePath();
            entityId = QStringLiteral("file:") + localName(path);
            entity.insert(QStringLiteral("prov:type"),
                          qualifiedName(info.isDir() ? QStringLiteral("twinbench:Directory")
                                                     : QStringLiteral("twinbench:File")));
            entity.insert(QStringLiteral("prov:label"), input);
            if (!info.exists()) {
                entity.insert(QStringLiteral("twinbench:note"),
                              QStringLiteral("missing when the provenance was recorded"));
            }
        }
        builder.addEntity(entityId, entity);
        QJsonObject used;
        used.insert(QStringLiteral("prov:activity"), activityId);
        used.insert(QStringLiteral("prov:entity"), entityId);
        if (status.startedAt.isValid()) {
            used.insert(QStringLiteral("prov:time"), isoTime(status.startedAt));
        }
        builder.addRelation(builder.m_used, QStringLiteral("used"), used);
    }

    // The outputs, then the in-situ extracts the run still keeps (twins/insitu), labelled
    // insitu/NAME so they are told apart from outputs.
    const QList<std::pair<QString, QString>> generatedFolders{
        {run.outputsPath(), QString()}, {run.insituPath(), QStringLiteral("insitu/")}};
    for (const auto& [folder, labelPrefix] : generatedFolders) {
        for (const QString& relativePath : outputFiles(folder)) {
            const QString path = folder + QLatin1Char('/') + relativePath;
            const QString entityId =
                activityId +
                (labelPrefix.isEmpty() ? QStringLiteral("/outputs/") : QStringLiteral("/insitu/")) +
                localName(relativePath);
            builder.addEntity(entityId, fileEntity(path, labelPrefix + relativePath));
            QJsonObject generated;
            generated.insert(QStringLiteral("prov:entity"), entityId);
            generated.insert(QStringLiteral("prov:activity"), activityId);
            // The file's own modification time is when it was generated, as far as we can know.
            generated.insert(QStringLiteral("prov:time"),
                             isoTime(QFileInfo(path).lastModified().toUTC()));
            builder.addRelation(builder.m_generated, QStringLiteral("generation"), generated);
        }
    }

    QJsonObject document;
    document.insert(QStringLiteral("prefix"), prefix);
    document.insert(QStringLiteral("entity"), builder.m_entities);
    document.insert(QStringLiteral("activity"), activities);
    document.insert(QStringLiteral("agent"), agents);
    document.insert(QStringLiteral("used"), builder.m_used);
    document.insert(QStringLiteral("wasGeneratedBy"), builder.m_generated);
    document.insert(QStringLiteral("wasAssociatedWith"), builder.m_associations);
    return document;
}

QJsonObject writeProvenance(const RunDirectory& run) {
    const QJsonObject document = buildProvenance(run);
    writeJsonFileAtomically(run.provenancePath(), document);
    return document;
}

} // namespace twins::runs
