// A run directory on disk: spec round trip and field-naming validation, atomic status updates
// through the state machine, metrics surviving a truncated last line, a clear error for a
// corrupt status.json, and the PROV-JSON record with SHA-256 checked against QCryptographicHash
// and the sha256sum tool.
#include "twinbench/runs/RunDirectory.h"

#include "TestFiles.h"
#include "twinbench/runs/Provenance.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunId.h"
#include "twinbench/runs/Sha256.h"
#include "twinbench/sdk/BuildInfo.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <sys/stat.h>

using namespace twins::runs;

namespace {

RunSpec sampleSpec() {
    RunSpec spec = RunSpec::forCurrentBuild("cyclone", "infer", "local");
    spec.parameters = QJsonObject{{"threshold", 0.5}, {"basin", "north_atlantic"}, {"members", 8}};
    spec.inputs = {"/data/era5/2017-09.nc", "20240515T101502123Z-3f9a1c2e"};
    return spec;
}

ino_t inodeOf(const QString& path) {
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_ino : 0;
}

} // namespace

class RunDirectoryTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;

    QString freshPath() { return m_root.filePath(newRunId()); }

private slots:
    void initTestCase() { QVERIFY(m_root.isValid()); }

    void createsTheLayoutAndRoundTripsTheSpec() {
        const QString path = freshPath();
        const QString id = QFileInfo(path).fileName();
        const RunSpec spec = sampleSpec();
        const RunDirectory created = RunDirectory::create(path, id, spec);

        for (const char* file : {"spec.json", "status.json", "log.txt", "metrics.jsonl"}) {
            QVERIFY2(QFileInfo(path + "/" + file).isFile(), qPrintable(file));
        }
        QVERIFY(QFileInfo(created.outputsPath()).isDir());
        QVERIFY(QFileInfo(created.insituPath()).isDir());
        QVERIFY(!QFileInfo::exists(created.provenancePath())); // only once finished

        const RunDirectory opened = RunDirectory::open(path);
        QCOMPARE(opened.runId(), id);
        QCOMPARE(opened.spec(), spec);
        QCOMPARE(opened.spec().twinbenchVersion,
                 QString::fromStdString(twins::sdk::twinbenchVersion()));
        QCOMPARE(opened.spec().gitRevision, QString::fromStdString(twins::sdk::gitRevision()));
        QCOMPARE(opened.status().state, RunState::Created);
        QCOMPARE(opened.status().progress, 0.0);
        QVERIFY(!opened.status().startedAt.isValid());
        QVERIFY(!opened.status().exitCode);

        // A second create on the same directory must not clobber the run.
        try {
            RunDirectory::create(path, newRunId(), spec);
            QFAIL("creating over an existing run did not throw");
        } catch (const RunError& error) {
            QVERIFY2(error.message().contains("already holds a run"), error.what());
        }
        QCOMPARE(RunDirectory::open(path).runId(), id);
    }

    void specValidationNamesTheField() {
        const QJsonObject good = sampleSpec().toJson();
        QCOMPARE(RunSpec::fromJson(good, "spec.json"), sampleSpec());

        const auto expectError = [](const QJsonObject& json, const QString& fragment) {
            try {
                RunSpec::fromJson(json, "/runs/x/spec.json");
                QFAIL(qPrintable("no error for " + fragment));
            } catch (const RunError& error) {
                QVERIFY2(error.message().startsWith("/runs/x/spec.json: "), error.what());
                QVERIFY2(error.message().contains(fragment), error.what());
            }
        };
        QJsonObject json = good;
        json.remove("module");
        expectError(json, "missing field 'module'");
        json = good;
        json["action"] = 3;
        expectError(json, "field 'action' must be a non-empty string");
        json = good;
        json["parameters"] = QJsonArray{1, 2};
        expectError(json, "field 'parameters' must be an object");
        json = good;
        json["inputs"] = QJsonArray{"a.nc", 7};
        expectError(json, "field 'inputs[1]'");
        json = good;
        QJsonObject codeVersion = json["code_version"].toObject();
        codeVersion.remove("git_revision");
        json["code_version"] = codeVersion;
        expectError(json, "missing field 'code_version.git_revision'");
        json = good;
        json.remove("code_version");
        expectError(json, "missing field 'code_version'");
    }

    void statusChangesAreAtomicAndValidated() {
        const QString path = freshPath();
        const RunDirectory run =
            RunDirectory::create(path, QFileInfo(path).fileName(), sampleSpec());

        run.changeState(RunState::Queued, "(Resources)");
        QCOMPARE(run.status().state, RunState::Queued);
        QCOMPARE(run.status().detail, QString("(Resources)"));

        // QSaveFile writes a new file and renames it over the old one: the inode changes, so a
        // reader holds either the whole old document or the whole new one, never a mix.
        const ino_t before = inodeOf(run.statusPath());
        run.changeState(RunState::Running);
        QVERIFY(before != 0);
        QVERIFY(inodeOf(run.statusPath()) != before);
        const RunStatus running = run.status();
        QCOMPARE(running.state, RunState::Running);
        QVERIFY(running.detail.isEmpty()); // a stale pending reason is cleared
        QVERIFY(running.startedAt.isValid());
        QVERIFY(!running.finishedAt.isValid());

        run.reportProgress(0.25, "epoch 1/4");
        QCOMPARE(run.status().progress, 0.25);
        run.reportProgress(7.0, "overshoot");
        QCOMPARE(run.status().progress, 1.0);

        // An illegal move throws and leaves the file byte for byte as it was.
        const QByteArray bytes = twins::testing::readBytes(run.statusPath());
        try {
            run.changeState(RunState::Queued);
            QFAIL("running -> queued did not throw");
        } catch (const RunError& error) {
            QCOMPARE(error.path(), run.statusPath());
            QVERIFY2(error.message().contains("running -> queued"), error.what());
        }
        QCOMPARE(twins::testing::readBytes(run.statusPath()), bytes);

        const RunStatus finished = run.changeState(RunState::Failed, "exit 3", 3);
        QCOMPARE(finished.exitCode, std::optional<int>(3));
        QVERIFY(finished.finishedAt >= finished.startedAt);
        QCOMPARE(run.status(), finished);

        // No temporary files are left beside the status.
        const QStringList entries = QDir(path).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(entries, QStringList({"log.txt", "metrics.jsonl", "spec.json", "status.json"}));
    }

    void logLinesAreTimeStamped() {
        const QString path = freshPath();
        const RunDirectory run =
            RunDirectory::create(path, QFileInfo(path).fileName(), sampleSpec());
        run.appendLog("loading model");
        run.appendLog("two\nlines");
        const QList<QByteArray> lines = twins::testing::readBytes(run.logPath()).split('\n');
        QCOMPARE(lines.size(), 4); // three lines and the empty rest after the last newline
        for (int i = 0; i < 3; ++i) {
            const QByteArray stamp = lines[i].left(lines[i].indexOf(' '));
            QVERIFY2(parseIsoTime(QString::fromLatin1(stamp)).isValid(), lines[i].constData());
        }
        QVERIFY(lines[0].endsWith(" loading model"));
        QVERIFY(lines[2].endsWith(" lines"));
    }

    void metricsSurviveATruncatedLastLine() {
        const QString path = freshPath();
        const RunDirectory run =
            RunDirectory::create(path, QFileInfo(path).fileName(), sampleSpec());
        QCOMPARE(run.metrics().points.size(), 0);
        run.appendMetric(0, "loss", 1.5);
        run.appendMetric(1, "loss", 0.75);
        run.appendMetric(1, "accuracy", 0.5);

        // A run killed in the middle of a write: half a line, no newline.
        QFile file(run.metricsPath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Append));
        file.write("\n{\"step\": 2, \"name\": \"lo");
        file.close();

        const MetricsReading reading = run.metrics();
        QCOMPARE(reading.points.size(), 3);
        QCOMPARE(reading.skippedLines, 1);
        QCOMPARE(reading.points[1].step, qint64(1));
        QCOMPARE(reading.points[1].name, QString("loss"));
        QCOMPARE(reading.points[1].value, 0.75);
        QVERIFY(reading.points[2].time.isValid());

        // JSON cannot hold NaN: refused rather than silently written as null.
        QVERIFY_THROWS_EXCEPTION(RunError, run.appendMetric(3, "loss", qQNaN()));
    }

    void corruptStatusNamesTheFile() {
        const QString path = freshPath();
        const RunDirectory run =
            RunDirectory::create(path, QFileInfo(path).fileName(), sampleSpec());
        QVERIFY(twins::testing::writeBytes(run.statusPath(), "{\"state\": \"runn"));
        try {
            run.status();
            QFAIL("a corrupt status.json was read without error");
        } catch (const RunError& error) {
            QCOMPARE(error.path(), run.statusPath());
            QVERIFY2(error.message().startsWith(run.statusPath() + ": corrupt JSON"), error.what());
        }
        QVERIFY(twins::testing::writeBytes(run.statusPath(), "{\"state\": \"paused\"}"));
        try {
            run.status();
            QFAIL("an unknown state was read without error");
        } catch (const RunError& error) {
            QVERIFY2(error.message().contains("status.json: field 'state'"), error.what());
        }
        QVERIFY(QFile::remove(run.statusPath()));
        try {
            run.status();
            QFAIL("a missing status.json was read without error");
        } catch (const RunError& error) {
            QVERIFY2(error.message().contains("status.json: file does not exist"), error.what());
        }
    }

    void provenanceIsProvJsonWithSha256() {
        // More than one hashing chunk (1 MiB) and not a multiple of it.
        QByteArray content;
        while (content.size() < 3 * 1024 * 1024 + 123) {
            content +=
                "Twinbench provenance test line " + QByteArray::number(content.size()) + '\n';
        }
        const QString inputPath = m_root.filePath("input field.nc");
        QVERIFY(twins::testing::writeBytes(inputPath, content));
        const QString expected = QString::fromLatin1(
            QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());

        QProcess sha256sum;
        sha256sum.start("sha256sum", {inputPath});
        QVERIFY(sha256sum.waitForFinished(30000));
        QCOMPARE(sha256sum.exitCode(), 0);
        QCOMPARE(QString::fromLatin1(sha256sum.readAllStandardOutput()).section(' ', 0, 0),
                 expected);
        QCOMPARE(sha256OfFile(inputPath), expected);

        const QString path = freshPath();
        const QString id = QFileInfo(path).fileName();
        const QString upstreamRun = "20240515T101502123Z-3f9a1c2e";
        RunSpec spec = sampleSpec();
        spec.inputs = {inputPath, upstreamRun};
        const RunDirectory run = RunDirectory::create(path, id, spec);

        // Provenance is for finished runs only.
        QVERIFY_THROWS_EXCEPTION(RunError, writeProvenance(run));

        run.changeState(RunState::Queued);
        run.changeState(RunState::Running);
        QVERIFY(
            twins::testing::writeBytes(run.outputsPath() + "/tracks.csv", "t,lat,lon\n0,1,2\n"));
        QVERIFY(QDir(run.outputsPath()).mkpath("fields"));
        QVERIFY(
            twins::testing::writeBytes(run.outputsPath() + "/fields/wind.nc", content.left(1000)));
        const RunStatus finished = run.changeState(RunState::Succeeded, {}, 0);
        writeProvenance(run);

        QFile file(run.provenancePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError parseError;
        const QJsonObject prov = QJsonDocument::fromJson(file.readAll(), &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);

        QStringList sections = prov.keys();
        sections.sort();
        QCOMPARE(sections, QStringList({"activity", "agent", "entity", "prefix", "used",
                                        "wasAssociatedWith", "wasGeneratedBy"}));
        const QJsonObject prefix = prov["prefix"].toObject();
        for (const char* name : {"twinbench", "run", "file"}) {
            QVERIFY2(prefix[name].isString() && !prefix[name].toString().isEmpty(),
                     qPrintable(name));
        }

        // The activity: one run, with the times status.json recorded.
        const QString activityId = "run:" + id;
        const QJsonObject activities = prov["activity"].toObject();
        QCOMPARE(activities.keys(), QStringList({activityId}));
        const QJsonObject activity = activities[activityId].toObject();
        QCOMPARE(activity["prov:startTime"].toString(), isoTime(finished.startedAt));
        QCOMPARE(activity["prov:endTime"].toString(), isoTime(finished.finishedAt));
        QCOMPARE(activity["twinbench:module"].toString(), QString("cyclone"));
        QCOMPARE(activity["twinbench:state"].toString(), QString("succeeded"));

        // The software agent with version and revision, associated with the spec as the plan.
        const QJsonObject agents = prov["agent"].toObject();
        QCOMPARE(agents.size(), 1);
        const QString agentId = agents.keys().first();
        const QJsonObject agent = agents[agentId].toObject();
        QCOMPARE(agent["prov:type"].toObject()["$"].toString(), QString("prov:SoftwareAgent"));
        QCOMPARE(agent["prov:type"].toObject()["type"].toString(), QString("prov:QUALIFIED_NAME"));
        QCOMPARE(agent["twinbench:version"].toString(),
                 QString::fromStdString(twins::sdk::twinbenchVersion()));
        QCOMPARE(agent["twinbench:gitRevision"].toString(),
                 QString::fromStdString(twins::sdk::gitRevision()));
        const QJsonObject associations = prov["wasAssociatedWith"].toObject();
        QCOMPARE(associations.size(), 1);
        const QJsonObject association = associations.begin()->toObject();
        QCOMPARE(association["prov:activity"].toString(), activityId);
        QCOMPARE(association["prov:agent"].toString(), agentId);
        const QJsonObject entities = prov["entity"].toObject();
        const QJsonObject plan = entities[association["prov:plan"].toString()].toObject();
        QCOMPARE(plan["twinbench:sha256"].toString(), sha256OfFile(run.specPath()));

        // Used: the input file (hashed) and the upstream run, each an entity, blank-node ids.
        const QJsonObject used = prov["used"].toObject();
        QCOMPARE(used.size(), 2);
        QStringList usedEntities;
        for (auto it = used.begin(); it != used.end(); ++it) {
            QVERIFY2(it.key().startsWith("_:"), qPrintable(it.key()));
            QCOMPARE(it->toObject()["prov:activity"].toString(), activityId);
            usedEntities << it->toObject()["prov:entity"].toString();
            QVERIFY(entities.contains(usedEntities.last()));
        }
        QVERIFY(usedEntities.contains("run:" + upstreamRun + "/outputs"));
        const QString inputId =
            "file:" +
            QString(QUrl::toPercentEncoding(QFileInfo(inputPath).absoluteFilePath(), "/-._~"));
        QVERIFY2(usedEntities.contains(inputId), qPrintable(usedEntities.join(", ")));
        const QJsonObject input = entities[inputId].toObject();
        QCOMPARE(input["twinbench:sha256"].toString(), expected);
        QCOMPARE(input["twinbench:byteSize"].toObject()["$"].toString(),
                 QString::number(content.size()));

        // Generated: every file under outputs/, hashed.
        const QJsonObject generated = prov["wasGeneratedBy"].toObject();
        QCOMPARE(generated.size(), 2);
        QStringList generatedLabels;
        for (auto it = generated.begin(); it != generated.end(); ++it) {
            QCOMPARE(it->toObject()["prov:activity"].toString(), activityId);
            const QJsonObject entity =
                entities[it->toObject()["prov:entity"].toString()].toObject();
            const QString label = entity["prov:label"].toString();
            generatedLabels << label;
            QCOMPARE(entity["twinbench:sha256"].toString(),
                     sha256OfFile(run.outputsPath() + "/" + label));
        }
        generatedLabels.sort();
        QCOMPARE(generatedLabels, QStringList({"fields/wind.nc", "tracks.csv"}));
        const QJsonObject wind = entities[activityId + "/outputs/fields/wind.nc"].toObject();
        QCOMPARE(
            wind["twinbench:sha256"].toString(),
            QString::fromLatin1(
                QCryptographicHash::hash(content.left(1000), QCryptographicHash::Sha256).toHex()));
    }
};

QTEST_GUILESS_MAIN(RunDirectoryTest)
#include "RunDirectoryTest.moc"
