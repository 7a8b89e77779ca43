// Runs offloaded through interLink, end to end with real parts on 127.0.0.1: the OIDC provider
// (tests/fixtures/oidc, oidc-provider), the desktop keychain (gnome-keyring in a private D-Bus
// session, tests/support/with-keyring.sh), the interLink-API test server (tests/fixtures/
// interlink: OpenAPI-checked requests, bearer JWTs checked against the provider's JWKS) and the
// one-node SLURM cluster its pods become jobs on (tests/fixtures/slurm). Submit, status, the
// container log and success; resources from the twin's action; the log through /getLogs in
// `twinbench-run logs [--follow]` and in the Runs dock's log tail (a line only the site's job
// output has), log.txt with a note while the API is down; the runs folder seen by the site at
// another path; cancel; a pod the API refuses (422) shown with the server's words;
// the API down while a run goes on (TWINBENCH_INTERLINK_OUTAGE_SECONDS, else
// TWINBENCH_SLURM_OUTAGE_SECONDS up to 30, else 30 s); access tokens (4 s here) refreshed
// without the user; a revoked sign-in asking to sign in again; and no token, nor any JWT
// segment, in any file, log or setting under the test's folders.
#include "FederationTestSupport.h"
#include "InterlinkFixture.h"
#include "OidcFixture.h"
#include "twinbench/federation/DesktopKeychain.h"
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/InterlinkExecutor.h"
#include "twinbench/federation/OidcSession.h"
#include "twinbench/federation/RunManager.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/widgets/LogTail.h"
#include "twinbench/widgets/RunDetails.h"
#include "twinbench/widgets/RunsPanel.h"

#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace twins::federation;
using namespace twins::runs;
using twins::testing::InterlinkFixture;
using twins::testing::OidcFixture;
using twins::testing::refreshUntil;
using twins::testing::testSpec;
using twins::testing::waitUntil;

namespace {

constexpr char clientId[] = "twinbench-test";
const QString backend = QStringLiteral("interlink");

int outageSeconds() {
    if (qEnvironmentVariableIsSet("TWINBENCH_INTERLINK_OUTAGE_SECONDS")) {
        return qEnvironmentVariableIntValue("TWINBENCH_INTERLINK_OUTAGE_SECONDS");
    }
    if (qEnvironmentVariableIsSet("TWINBENCH_SLURM_OUTAGE_SECONDS")) {
        return std::min(30, qEnvironmentVariableIntValue("TWINBENCH_SLURM_OUTAGE_SECONDS"));
    }
    return 30;
}

} // namespace

class InterlinkRunsTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_root; // HOME, XDG_*, TMPDIR, the runs and every fixture's state
    QString m_cluster;
    bool m_clusterStarted = false;
    std::unique_ptr<OidcFixture> m_provider;
    std::unique_ptr<InterlinkFixture> m_interlink;
    int m_roots = 0;

    QString path(const QString& name) const { return m_root.filePath(name); }

    static QString slurmFixture(const QStringList& arguments, bool* ok) {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("bash"),
                      QStringList{QStringLiteral(TWINBENCH_SLURM_FIXTURE)} + arguments);
        *ok = process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit &&
              process.exitCode() == 0;
        return QString::fromUtf8(process.readAll());
    }

    OidcClientSettings clientSettings() const {
        OidcClientSettings settings;
        settings.backend = backend;
        settings.issuer = m_provider->issuer();
        settings.clientId = QString::fromLatin1(clientId);
        return settings;
    }

    // The folders and settings of twinbench-run (and the GUI) when TWINBENCH_RUNS_DIR is
    // root/runs: the registry inside it, the settings in the shared settings file.
    RunManager::Options commandLineOptions() {
        RunManager::Options shared = options();
        shared.registryPath = shared.runsRoot + QStringLiteral("/.registry.sqlite");
        // Where BackendSettings::load() looks in the child processes (XDG_CONFIG_HOME is this
        // test's); written by path, since this process's QSettings may have fixed its folders
        // before initTestCase changed the environment.
        QSettings file(path(QStringLiteral("config/Twinbench/federation.ini")),
                       QSettings::IniFormat);
        shared.settings.save(file);
        file.sync();
        return shared;
    }

    // twinbench-run COMMAND with TWINBENCH_RUNS_DIR naming `runsRoot`; its exit code (-1: it did
    // not finish within `timeoutMs`), stdout and stderr.
    static int worker(const QString& runsRoot, const QStringList& arguments, QByteArray* out,
                      QByteArray* err, int timeoutMs = 30000) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TWINBENCH_RUNS_DIR"), runsRoot);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(TWINBENCH_WORKER_EXECUTABLE), arguments);
        const bool finished = process.waitForFinished(timeoutMs);
        *out = process.readAllStandardOutput();
        *err = process.readAllStandardError();
        return finished && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

    RunManager::Options options(const QStringList& slurmFlags = {
                                    QStringLiteral("--time=00:10:00")}) {
        const QString root = path(QStringLiteral("root%1").arg(++m_roots));
        BackendSettings settings;
        settings.defaultBackend = backend;
        settings.interlinkUrl = m_interlink->url().toString();
        settings.interlinkOidcIssuer = m_provider->issuer().toString();
        settings.interlinkOidcClientId = QString::fromLatin1(clientId);
        settings.interlinkSlurmFlags = slurmFlags;
        settings.interlinkCpus = 1;
        settings.interlinkMemory = QStringLiteral("256Mi");
        settings.backendTimeout = std::chrono::seconds(5);
        return {root + QStringLiteral("/registry.sqlite"), root + QStringLiteral("/runs"),
                settings};
    }

    // Signs alice in by the device flow, in this process; the refresh token goes to the keychain.
    void signIn() {
        OidcSession session(clientSettings());
        const DeviceAuthorization authorization = session.beginSignIn();
        bool approved = false;
        DevicePollHooks hooks;
        hooks.wait = [&](std::chrono::milliseconds duration) {
            if (!approved) {
                approved = true;
                m_provider->post(QStringLiteral("/test/device"),
                                 {{QStringLiteral("user_code"), authorization.userCode},
                                  {QStringLiteral("decision"), QStringLiteral("approve")},
                                  {QStringLiteral("account"), QStringLiteral("alice")}});
            }
            QThread::msleep(static_cast<unsigned long>(duration.count()));
            return true;
        };
        QCOMPARE(session.completeSignIn(authorization, hooks), QStringLiteral("alice"));
    }

    static bool hasStarted(const RunRecord& run) {
        return waitUntil(
                   [&] {
                       return RunDirectory::open(run.runDirectory).status().state !=
                              RunState::Queued;
                   },
                   30000) >= 0;
    }

    QJsonObject podOf(const RunRecord& run) const {
        for (const QJsonValue& pod : m_interlink->get(QStringLiteral("/test/pods")).toArray()) {
            if (run.backendJobId.endsWith(QLatin1Char('/') +
                                          pod[QStringLiteral("uid")].toString())) {
                return pod.toObject();
            }
        }
        return {};
    }

private slots:
    void initTestCase() {
        QVERIFY(m_root.isValid());
        const QString problem = twins::testing::prepareWorkerEnvironment();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(!qEnvironmentVariableIsEmpty("TWINBENCH_TEST_KEYRING_DIR"),
                 "run this test through tests/support/with-keyring.sh");
        QVERIFY2(!QStandardPaths::findExecutable("sbatch").isEmpty(),
                 "SLURM is not installed: run `make deps`");
        // munged wants every parent of its socket world-executable; QTemporaryDir is 0700.
        QVERIFY(QFile::setPermissions(m_root.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                         QFile::ExeOwner | QFile::ExeGroup |
                                                         QFile::ExeOther));
        for (const char* folder : {"home", "config", "data", "cache", "tmp", "provider"}) {
            QVERIFY(QDir().mkpath(path(QString::fromLatin1(folder))));
        }
        qputenv("HOME", path(QStringLiteral("home")).toUtf8());
        qputenv("XDG_CONFIG_HOME", path(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", path(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CACHE_HOME", path(QStringLiteral("cache")).toUtf8());
        qputenv("TMPDIR", path(QStringLiteral("tmp")).toUtf8());

        QElapsedTimer timer;
        timer.start();
        m_cluster = path(QStringLiteral("cluster"));
        bool ok = false;
        const QString output = slurmFixture({QStringLiteral("start"), m_cluster}, &ok);
        m_clusterStarted = true;
        QVERIFY2(ok, qPrintable("the SLURM fixture did not start:\n" + output));
        qputenv("SLURM_CONF", (m_cluster + QStringLiteral("/etc/slurm.conf")).toLocal8Bit());
        try {
            m_provider = std::make_unique<OidcFixture>(
                path(QStringLiteral("provider")),
                QStringList{QStringLiteral("--interval"), QStringLiteral("1"),
                            QStringLiteral("--access-token-ttl"), QStringLiteral("4")});
            m_interlink = std::make_unique<InterlinkFixture>(path(QStringLiteral("interlink")),
                                                             m_provider->issuer());
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
        signIn();
        qInfo("SLURM, OIDC provider and interLink API up and signed in after %lld ms (%s)",
              timer.elapsed(), qPrintable(m_interlink->url().toString()));
    }

    void cleanupTestCase() {
        if (m_interlink) {
            qInfo("interLink server log:\n%s", qPrintable(m_interlink->log()));
        }
        m_interlink.reset();
        m_provider.reset();
        if (m_clusterStarted) {
            bool ok = false;
            const QString output = slurmFixture({QStringLiteral("stop"), m_cluster}, &ok);
            QVERIFY2(ok, qPrintable("the SLURM fixture did not stop cleanly:\n" + output));
        }
    }

    void submitStatusLogsSucceed() {
        RunManager manager(options());
        const RunRecord run = manager.submit(testSpec(
            "generate", {{"size", 16}, {"amplitude", 2.0}, {"pattern", "gradient"}}, backend));
        QCOMPARE(run.backend, backend);
        QVERIFY2(run.backendJobId.startsWith(QStringLiteral("twinbench/tb-")),
                 qPrintable(run.backendJobId));
        const RunRecord done = refreshUntil(manager, run.id, RunState::Succeeded, 40000);
        QVERIFY2(done.state == RunState::Succeeded, qPrintable(done.detail));
        QVERIFY(QFile::exists(QDir(done.runDirectory).filePath("outputs/field.nc")));
        // The worker writes the state first and prov.json right after (JobExecution: provenance
        // describes a finished run), and the pod's status can say so in between.
        QVERIFY(QTest::qWaitFor(
            [&] { return QFile::exists(QDir(done.runDirectory).filePath("prov.json")); }, 10000));

        // The pod as the server turned it into a SLURM job: limits and the flags annotation.
        const QJsonObject pod = podOf(run);
        const QStringList sbatch = pod[QStringLiteral("sbatch")].toVariant().toStringList();
        qInfo("pod %s became SLURM job %s: sbatch %s", qPrintable(pod["name"].toString()),
              qPrintable(pod["jid"].toString()), qPrintable(sbatch.join(' ')));
        // testtwin's generate declares 1 CPU and 200 MiB (the settings say 256Mi for actions
        // that declare nothing).
        QVERIFY(sbatch.contains(QStringLiteral("--cpus-per-task=1")));
        QVERIFY(sbatch.contains(QStringLiteral("--mem=200M")));
        QVERIFY(sbatch.contains(QStringLiteral("--time=00:10:00")));
        QCOMPARE(pod["annotations"][QStringLiteral("slurm-job.vk.io/flags")].toString(),
                 QStringLiteral("--time=00:10:00"));

        // Status asked as interLink's virtual kubelet asks: GET with a JSON body.
        QStringList calls;
        for (const QJsonValue& request :
             m_interlink->get(QStringLiteral("/test/requests")).toArray()) {
            calls << request["method"].toString() + QLatin1Char(' ') + request["path"].toString();
        }
        QVERIFY(calls.contains(QStringLiteral("POST /create")));
        QVERIFY(calls.contains(QStringLiteral("GET /status")));

        // The container's output through /getLogs: the worker's log lines, tail honoured.
        auto* executor = dynamic_cast<InterlinkExecutor*>(&manager.executor(backend));
        QVERIFY(executor);
        const BackendJob job{run.id, run.runDirectory, run.backendJobId};
        const QString logs = executor->containerLogs(job, 0);
        QFile logFile(QDir(run.runDirectory).filePath("log.txt"));
        QVERIFY(logFile.open(QIODevice::ReadOnly));
        const QStringList logLines =
            QString::fromUtf8(logFile.readAll()).split('\n', Qt::SkipEmptyParts);
        // The worker's own lines (from "job started" on; the lines before are the submitter's).
        qsizetype first = 0;
        while (first < logLines.size() && !logLines[first].contains(QLatin1String("job started"))) {
            ++first;
        }
        QVERIFY2(logLines.size() - first >= 3, qPrintable(logLines.join('\n')));
        for (const QString& line : logLines.mid(first)) {
            const QString message = line.section(' ', 1); // log.txt lines carry a time first
            QVERIFY2(logs.contains(message), qPrintable(message + " not in:\n" + logs));
        }
        const QString tail = executor->containerLogs(job, 1);
        QCOMPARE(tail.split('\n', Qt::SkipEmptyParts).size(), 1);
    }

    // The log as the site has it: `twinbench-run logs` and `logs --follow` print the job's output
    // from /getLogs, with a line the worker's log.txt does not have, every line once; the Runs
    // dock's log tail shows it too. An action that declares no resources gets the settings'.
    void logsComeFromTheSite() {
        const RunManager::Options shared = commandLineOptions();
        RunManager manager(shared);
        const RunRecord run = manager.submit(testSpec("sleep", {{"seconds", 4}}, backend));
        QByteArray followed;
        QByteArray followNotes;
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(
            worker(shared.runsRoot, {"logs", run.id, "--follow"}, &followed, &followNotes, 60000),
            0);
        qInfo("logs --follow: %lld ms, %lld bytes; stderr: %s", timer.elapsed(),
              static_cast<long long>(followed.size()), followNotes.trimmed().constData());
        QVERIFY2(followNotes.contains("succeeded"), followNotes.constData());
        const QJsonObject pod = podOf(run);
        QVERIFY(pod["sbatch"].toVariant().toStringList().contains(QStringLiteral("--mem=256M")));
        const QByteArray siteLine = "interlink-api: pod " + pod["name"].toString().toUtf8() +
                                    " is SLURM job " + pod["jid"].toString().toUtf8();
        auto* executor = dynamic_cast<InterlinkExecutor*>(&manager.executor(backend));
        QVERIFY(executor);
        const QString whole =
            executor->containerLogs(BackendJob{run.id, run.runDirectory, run.backendJobId}, 0);
        QVERIFY2(whole.toUtf8().contains(siteLine), qPrintable(whole));
        QVERIFY2(whole.contains(QStringLiteral("job started")), qPrintable(whole));
        // Followed piece by piece, the same text as the whole log asked for at the end.
        QCOMPARE(QString::fromUtf8(followed), whole);
        QFile logTxt(QDir(run.runDirectory).filePath("log.txt"));
        QVERIFY(logTxt.open(QIODevice::ReadOnly));
        QVERIFY(!logTxt.readAll().contains("interlink-api: pod"));
        QByteArray printed;
        QByteArray notes;
        QCOMPARE(worker(shared.runsRoot, {"logs", run.id}, &printed, &notes), 0);
        QCOMPARE(QString::fromUtf8(printed), whole);
        QVERIFY2(notes.isEmpty(), notes.constData());

        // The Runs dock: the run selected, its log tail shows the site's line.
        twins::widgets::RunsPanel panel;
        panel.resize(1000, 620);
        panel.setRuns(manager.list());
        panel.selectRun(run.id);
        panel.show();
        twins::widgets::LogTail* tail = panel.details()->logTail();
        QTRY_VERIFY_WITH_TIMEOUT(tail->toPlainText().toUtf8().contains(siteLine), 20000);
        QVERIFY2(!tail->toPlainText().contains(QStringLiteral("[twinbench]")),
                 qPrintable(tail->toPlainText()));
        QTest::qWait(200);
        const QImage shot = panel.grab().toImage();
        const QImage tailShot = tail->viewport()->grab().toImage();
        int dark = 0;
        for (int y = 0; y < tailShot.height(); ++y) {
            for (int x = 0; x < tailShot.width(); ++x) {
                dark += qGray(tailShot.pixel(x, y)) < 100 ? 1 : 0;
            }
        }
        qInfo("log tail: %d dark (text) pixels of %lld", dark,
              static_cast<long long>(tailShot.width()) * tailShot.height());
        QVERIFY2(dark > 200, qPrintable(QString::number(dark))); // lines drawn, not just set
        QDir().mkpath(TWINBENCH_BINARY_DIR "/screenshots");
        QVERIFY(
            shot.save(QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots/interlink-runs-dock.png")));
    }

    // The site mounts the shared folder at another path (here a symbolic link to the runs
    // folder): the pod's command, working directory and volume name the site's path, and the
    // run's outputs arrive in the runs folder all the same.
    void siteSeesTheRunsFolderElsewhere() {
        RunManager::Options shifted = options();
        QVERIFY(QDir().mkpath(shifted.runsRoot));
        const QString sitePath = path(QStringLiteral("site-mount-%1").arg(m_roots));
        QVERIFY(QFile::link(shifted.runsRoot, sitePath));
        shifted.settings.interlinkSiteRunsDir = sitePath;
        RunManager manager(shifted);
        const RunRecord run = manager.submit(testSpec("generate", {{"size", 8}}, backend));
        const RunRecord done = refreshUntil(manager, run.id, RunState::Succeeded, 40000);
        QVERIFY2(done.state == RunState::Succeeded, qPrintable(done.detail));
        QVERIFY(QFile::exists(QDir(run.runDirectory).filePath("outputs/field.nc")));
        const QJsonObject pod = podOf(run);
        const QString siteRun = sitePath + QLatin1Char('/') + run.id;
        QCOMPARE(pod["command"][2].toString(), siteRun);
        QCOMPARE(pod["workingDir"].toString(), siteRun);
        QCOMPARE(pod["volumes"][0]["hostPath"]["path"].toString(), sitePath);
        QVERIFY2(!QJsonDocument(pod).toJson().contains(shifted.runsRoot.toUtf8()),
                 QJsonDocument(pod).toJson().constData());
    }

    void cancelDeletesThePod() {
        RunManager manager(options());
        const RunRecord run = manager.submit(testSpec("sleep", {{"seconds", 120}}, backend));
        QVERIFY(hasStarted(run));
        QElapsedTimer timer;
        timer.start();
        const RunRecord cancelled = manager.cancel(run.id);
        qInfo("interlink: cancel of a running pod -> cancelled in %lld ms", timer.elapsed());
        QVERIFY2(cancelled.state == RunState::Cancelled,
                 qPrintable(runStateName(cancelled.state) + ": " + cancelled.detail));
        QVERIFY(podOf(run)["deleted"].toBool());
    }

    void refusedPodShowsTheServersMessage() {
        RunManager manager(options({QStringLiteral("--partition=no-such-partition")}));
        try {
            manager.submit(testSpec("generate", {{"size", 8}}, backend));
            QFAIL("a pod with an unknown partition was accepted");
        } catch (const FederationError& error) {
            qInfo("answer: %s", qPrintable(error.message()));
            QVERIFY2(error.message().contains(QStringLiteral("HTTP 422")) &&
                         error.message().contains(QStringLiteral("invalid partition")),
                     qPrintable(error.message()));
        }
        const QList<RunRecord> runs = manager.list();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().state, RunState::Failed);
        QVERIFY2(runs.first().detail.contains(QStringLiteral("invalid partition")),
                 qPrintable(runs.first().detail));
    }

    void expiredAccessTokenIsRefreshed() {
        const QJsonObject before = m_interlink->get(QStringLiteral("/test/auth")).toObject();
        RunManager manager(options());
        // Access tokens live 4 s: a 9 s run is followed across at least two of them.
        const RunRecord run = manager.submit(testSpec("sleep", {{"seconds", 9}}, backend));
        const RunRecord done = refreshUntil(manager, run.id, RunState::Succeeded, 40000);
        QVERIFY2(done.state == RunState::Succeeded, qPrintable(done.detail));
        const QJsonObject after = m_interlink->get(QStringLiteral("/test/auth")).toObject();
        const int newTokens = after["distinctTokens"].toInt() - before["distinctTokens"].toInt();
        qInfo("interlink: %d access tokens over a 9 s run, %d requests accepted", newTokens,
              after["accepted"].toInt() - before["accepted"].toInt());
        QVERIFY2(newTokens >= 2, qPrintable(QString::number(newTokens)));
        // Refreshed before expiry: the server never had to refuse one.
        QCOMPARE(after["rejected"].toArray().size(), before["rejected"].toArray().size());
    }

    // The API server stopped while a run goes on: every refresh says it is unreachable and
    // leaves the run as it was; once the server is back the run is followed to its end.
    void apiOutageIsSurvived() {
        const int seconds = outageSeconds();
        QVERIFY2(seconds >= 5, "the outage must last at least 5 s");
        const RunManager::Options shared = commandLineOptions();
        RunManager manager(shared);
        const RunRecord run =
            manager.submit(testSpec("sleep", {{"seconds", seconds + 6}}, backend));
        QVERIFY(hasStarted(run));
        m_interlink->stop();
        // The log while the API is down: log.txt from the shared folder, saying why.
        QByteArray printed;
        QByteArray notes;
        QCOMPARE(worker(shared.runsRoot, {"logs", run.id}, &printed, &notes), 0);
        qInfo("logs while the API is down: %s", notes.trimmed().constData());
        QVERIFY2(notes.contains("unreachable") && notes.contains("log.txt from the shared run "
                                                                 "folder instead"),
                 notes.constData());
        QVERIFY2(printed.contains("job started"), printed.constData());
        QElapsedTimer outage;
        outage.start();
        int refreshes = 0;
        while (outage.elapsed() < seconds * 1000LL) {
            const QList<RunRecord> active = manager.refresh();
            ++refreshes;
            QCOMPARE(active.size(), 1);
            QVERIFY2(!isTerminal(active.first().state), qPrintable(active.first().detail));
            QVERIFY2(active.first().detail.contains(QStringLiteral("unreachable")),
                     qPrintable(active.first().detail));
            QTest::qWait(1000);
        }
        const QString during = manager.find(run.id)->detail;
        try {
            m_interlink->start();
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
        qInfo("interlink: API down for %lld ms, %d refreshes, detail: %s", outage.elapsed(),
              refreshes, qPrintable(during));
        const RunRecord done = refreshUntil(manager, run.id, RunState::Succeeded, 40000);
        QVERIFY2(done.state == RunState::Succeeded, qPrintable(done.detail));
    }

    void revokedSignInAsksToSignInAgain() {
        const RunManager::Options shared = options();
        RunManager before(shared);
        const RunRecord run = before.submit(testSpec("sleep", {{"seconds", 6}}, backend));
        const QJsonObject revoked =
            m_provider
                ->post(QStringLiteral("/test/revoke-account"),
                       {{QStringLiteral("account"), QStringLiteral("alice")}})
                .toObject();
        QVERIFY(revoked["grants"].toInt() >= 1);
        // A new manager (a GUI restarted, another CLI call) has no access token in memory.
        RunManager manager(shared);
        const RunRecord followed = manager.refreshRun(run.id);
        QVERIFY2(!isTerminal(followed.state), qPrintable(followed.detail));
        QVERIFY2(followed.detail.contains(QStringLiteral("sign in again")),
                 qPrintable(followed.detail));
        try {
            manager.submit(testSpec("generate", {{"size", 8}}, backend));
            QFAIL("a submission without a valid sign-in was accepted");
        } catch (const FederationError& error) {
            qInfo("answer: %s", qPrintable(error.message()));
            QVERIFY2(error.message().contains(QStringLiteral("sign in again with 'twinbench-run "
                                                             "login interlink'")),
                     qPrintable(error.message()));
        }
        // Signed in again, the same run is followed to its end.
        signIn();
        RunManager again(shared);
        const RunRecord done = refreshUntil(again, run.id, RunState::Succeeded, 40000);
        QVERIFY2(done.state == RunState::Succeeded, qPrintable(done.detail));
    }

    // Last: every token the provider issued, and each segment of every JWT among them, searched
    // in every file under this test's folders (runs, registries, settings, lock files, the
    // interLink server's state and log, the SLURM job outputs) and the keyring's files, and in
    // this process's environment. None may be found.
    void tokensAppearNowhere() {
        const QStringList needles = m_provider->issuedTokenPieces();
        QVERIFY2(needles.size() >= 20, qPrintable(QString::number(needles.size())));
        const auto findIn = [&](const QByteArray& haystack) {
            for (const QString& needle : needles) {
                if (haystack.contains(needle.toUtf8())) {
                    return needle;
                }
            }
            return QString();
        };
        QVERIFY(findIn("x " + needles.last().toUtf8() + " y") == needles.last()); // can fail
        int searched = 0;
        for (const QString& root :
             {m_root.path(), qEnvironmentVariable("TWINBENCH_TEST_KEYRING_DIR")}) {
            QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString name = it.next();
                if (name.startsWith(path(QStringLiteral("provider")))) {
                    continue; // the provider's own log, not Twinbench's
                }
                QFile file(name);
                if (!file.open(QIODevice::ReadOnly)) {
                    continue; // sockets
                }
                ++searched;
                const QString found = findIn(file.readAll());
                QVERIFY2(found.isEmpty(),
                         qPrintable(
                             QStringLiteral("%1 holds a token (%2...)").arg(name, found.left(8))));
            }
        }
        QVERIFY2(searched >= 20, qPrintable(QString::number(searched)));
        const QString inEnvironment =
            findIn(QProcessEnvironment::systemEnvironment().toStringList().join('\n').toUtf8());
        QVERIFY2(inEnvironment.isEmpty(), "this process's environment holds a token");
        qInfo("%lld token pieces searched in %d files and the environment",
              static_cast<long long>(needles.size()), searched);
    }
};

QTEST_MAIN(InterlinkRunsTest)
#include "InterlinkRunsTest.moc"
