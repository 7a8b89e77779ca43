// A run as an interLink pod (twins/federation/InterlinkPod.h): the PodCreateRequests body (one
// container running twinbench-run job RUNDIR, the runs folder at its own path, limits, the SLURM
// flags annotation, no token anywhere), stable pod ids, and interLink's container states mapped
// onto run states with interLink's words as detail.
#include "twinbench/federation/InterlinkPod.h"

#include "twinbench/federation/FederationError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace twins::federation;
using twins::runs::RunState;

class InterlinkPodTest : public QObject {
    Q_OBJECT

    static QJsonObject statusWith(const QJsonObject& state) {
        return QJsonObject{
            {QStringLiteral("name"), QStringLiteral("tb-run")},
            {QStringLiteral("UID"), QStringLiteral("u")},
            {QStringLiteral("JID"), QStringLiteral("42")},
            {QStringLiteral("containers"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("worker")},
                                    {QStringLiteral("state"), state}}}}};
    }

private slots:
    void podIdsAreStableLabels() {
        const auto pod = InterlinkPodIdentity::forRun(QStringLiteral("ns"),
                                                      QStringLiteral("20261207T031500_Gen.01"));
        QCOMPARE(pod.name, QStringLiteral("tb-20261207t031500-gen-01"));
        QCOMPARE(pod.uid, InterlinkPodIdentity::forRun(QStringLiteral("other"),
                                                       QStringLiteral("20261207T031500_Gen.01"))
                              .uid);
        QVERIFY(pod.uid !=
                InterlinkPodIdentity::forRun(QStringLiteral("ns"), QStringLiteral("x")).uid);
        const auto back = InterlinkPodIdentity::fromBackendJobId(pod.backendJobId());
        QCOMPARE(back.namespaceName, QStringLiteral("ns"));
        QCOMPARE(back.name, pod.name);
        QCOMPARE(back.uid, pod.uid);
        QVERIFY(InterlinkPodIdentity::forRun(QStringLiteral("ns"), QString(100, QLatin1Char('a')))
                    .name.size() <= 63);
        QVERIFY_THROWS_EXCEPTION(FederationError,
                                 InterlinkPodIdentity::fromBackendJobId(QStringLiteral("1234")));
    }

    void createRequestIsOnePodWithLimitsAndFlags() {
        qputenv("TWINBENCH_PLUGIN_PATH", "/opt/plugins");
        qputenv("SECRET_LOOKING_VARIABLE", "not passed");
        InterlinkPodOptions options{QStringLiteral("twinbench"),
                                    QStringLiteral("worker:1"),
                                    QStringLiteral("/usr/bin/twinbench-run"),
                                    {QStringLiteral("--time=01:00:00"), QStringLiteral("-A proj")},
                                    2,
                                    QStringLiteral("1Gi"),
                                    {}};
        const BackendJob job{QStringLiteral("r1"), QStringLiteral("/shared/runs/r1"), {}};
        const auto pod = InterlinkPodIdentity::forRun(options.namespaceName, job.runId);
        const QJsonObject request = interlinkCreateRequest(options, job, pod);
        const QJsonObject podJson = request[QStringLiteral("pod")].toObject();
        QCOMPARE(podJson["metadata"]["uid"].toString(), pod.uid);
        QCOMPARE(podJson["metadata"]["annotations"]["slurm-job.vk.io/flags"].toString(),
                 QStringLiteral("--time=01:00:00 -A proj"));
        const QJsonArray containers = podJson["spec"]["containers"].toArray();
        QCOMPARE(containers.size(), 1);
        const QJsonObject container = containers.first().toObject();
        QCOMPARE(container["command"].toArray(),
                 (QJsonArray{QStringLiteral("/usr/bin/twinbench-run"), QStringLiteral("job"),
                             QStringLiteral("/shared/runs/r1")}));
        QCOMPARE(container["resources"]["limits"]["cpu"].toString(), QStringLiteral("2"));
        QCOMPARE(container["resources"]["limits"]["memory"].toString(), QStringLiteral("1Gi"));
        QCOMPARE(container["volumeMounts"][0]["mountPath"].toString(),
                 QStringLiteral("/shared/runs"));
        QCOMPARE(podJson["spec"]["volumes"][0]["hostPath"]["path"].toString(),
                 QStringLiteral("/shared/runs"));
        const QByteArray text = QJsonDocument(request).toJson();
        QVERIFY(text.contains("TWINBENCH_PLUGIN_PATH"));
        QVERIFY(!text.contains("SECRET_LOOKING_VARIABLE"));
        // No flags: no annotation at all.
        options.slurmFlags.clear();
        const QJsonObject plain = interlinkCreateRequest(options, job, pod);
        QVERIFY(!plain["pod"]["metadata"].toObject().contains(QStringLiteral("annotations")));
    }

    // The twin's action declares resources: they replace the settings' limits (the settings
    // stay the limits of actions that declare nothing).
    void actionResourcesBecomePodLimits() {
        const InterlinkPodOptions options{QStringLiteral("twinbench"),
                                          QStringLiteral("worker:1"),
                                          QStringLiteral("/usr/bin/twinbench-run"),
                                          {},
                                          1,
                                          QStringLiteral("512Mi"),
                                          {}};
        const BackendJob job{QStringLiteral("r1"), QStringLiteral("/shared/runs/r1"), {}};
        const auto pod = InterlinkPodIdentity::forRun(options.namespaceName, job.runId);
        twins::sdk::ActionResources declared;
        declared.cpus = 2;
        declared.memoryMiB = 3072;
        declared.cpusParameter = QStringLiteral("threads");
        const twins::sdk::ActionResources run =
            declared.forRun(QJsonObject{{QStringLiteral("threads"), 4}});
        QCOMPARE(run.cpus, 4);
        QCOMPARE(declared.forRun(QJsonObject{{QStringLiteral("threads"), 0}}).cpus, 2);
        const auto limitsOf = [&](const twins::sdk::ActionResources& resources) {
            const QJsonObject request = interlinkCreateRequest(options, job, pod, resources);
            const QJsonObject podJson = request[QStringLiteral("pod")].toObject();
            return podJson["spec"]["containers"][0]["resources"]["limits"].toObject();
        };
        const QJsonObject limits = limitsOf(run);
        QCOMPARE(limits["cpu"].toString(), QStringLiteral("4"));
        QCOMPARE(limits["memory"].toString(), QStringLiteral("3072Mi"));
        twins::sdk::ActionResources cpusOnly;
        cpusOnly.cpus = 3;
        const QJsonObject mixed = limitsOf(cpusOnly);
        QCOMPARE(mixed["cpu"].toString(), QStringLiteral("3"));
        QCOMPARE(mixed["memory"].toString(), QStringLiteral("512Mi"));
    }

    // The site mounts the shared folder at another path: command, working directory, volume
    // and TWINBENCH_RUNS_DIR name the site's path; nothing names this machine's.
    void sitePathReplacesTheLocalOne() {
        qputenv("TWINBENCH_RUNS_DIR", "/home/ana/tb-runs/");
        InterlinkPodOptions options{QStringLiteral("twinbench"),
                                    QStringLiteral("worker:1"),
                                    QStringLiteral("/usr/bin/twinbench-run"),
                                    {},
                                    1,
                                    QStringLiteral("512Mi"),
                                    {}};
        options.siteRunsDir = QStringLiteral("/gpfs/projects/tb/runs/");
        const BackendJob job{QStringLiteral("r1"), QStringLiteral("/home/ana/tb-runs/r1"), {}};
        QCOMPARE(interlinkSiteRunDirectory(options, job.runDirectory),
                 QStringLiteral("/gpfs/projects/tb/runs/r1"));
        const auto pod = InterlinkPodIdentity::forRun(options.namespaceName, job.runId);
        const QJsonObject request = interlinkCreateRequest(options, job, pod);
        const QJsonObject container = request["pod"]["spec"]["containers"][0].toObject();
        QCOMPARE(container["command"][2].toString(), QStringLiteral("/gpfs/projects/tb/runs/r1"));
        QCOMPARE(container["workingDir"].toString(), QStringLiteral("/gpfs/projects/tb/runs/r1"));
        QCOMPARE(container["volumeMounts"][0]["mountPath"].toString(),
                 QStringLiteral("/gpfs/projects/tb/runs"));
        QCOMPARE(request["pod"]["spec"]["volumes"][0]["hostPath"]["path"].toString(),
                 QStringLiteral("/gpfs/projects/tb/runs"));
        const QByteArray text = QJsonDocument(request).toJson();
        QVERIFY2(!text.contains("/home/ana"), text.constData());
        qunsetenv("TWINBENCH_RUNS_DIR");
    }

    void containerStatesBecomeRunStates() {
        BackendObservation none = observeInterlinkPod(QJsonObject{{QStringLiteral("JID"), "7"}});
        QCOMPARE(none.state, RunState::Queued);
        const BackendObservation waiting = observeInterlinkPod(statusWith(
            {{QStringLiteral("waiting"), QJsonObject{{QStringLiteral("reason"), "SLURM PENDING"},
                                                     {QStringLiteral("message"), "Resources"}}}}));
        QCOMPARE(waiting.state, RunState::Queued);
        QCOMPARE(waiting.detail,
                 QStringLiteral("interLink job 42: waiting (SLURM PENDING: Resources)"));
        const BackendObservation running = observeInterlinkPod(statusWith(
            {{QStringLiteral("running"), QJsonObject{{QStringLiteral("startedAt"), "t"}}}}));
        QCOMPARE(running.state, RunState::Running);
        const BackendObservation done = observeInterlinkPod(statusWith(
            {{QStringLiteral("terminated"), QJsonObject{{QStringLiteral("exitCode"), 0}}}}));
        QCOMPARE(done.state, RunState::Succeeded);
        QCOMPARE(*done.exitCode, 0);
        const BackendObservation failed = observeInterlinkPod(statusWith(
            {{QStringLiteral("terminated"), QJsonObject{{QStringLiteral("exitCode"), 3},
                                                        {QStringLiteral("reason"), "FAILED"}}}}));
        QCOMPARE(failed.state, RunState::Failed);
        QCOMPARE(failed.detail, QStringLiteral("interLink job 42: exit code 3 (FAILED)"));
        const BackendObservation cancelled = observeInterlinkPod(
            statusWith({{QStringLiteral("terminated"),
                         QJsonObject{{QStringLiteral("exitCode"), 0},
                                     {QStringLiteral("signal"), 15},
                                     {QStringLiteral("reason"), "Cancelled"}}}}));
        QCOMPARE(cancelled.state, RunState::Cancelled);
    }
};

QTEST_GUILESS_MAIN(InterlinkPodTest)
#include "InterlinkPodTest.moc"
