// Reading SLURM's answers: `scontrol show job -o` and jobcomp/filetxt lines (captured from the
// real SLURM 22.05 fixture), array task lookup including tasks still pending as one record,
// and the mapping of every SLURM state onto RunState with SLURM's words as detail.
#include "twinbench/federation/SlurmJobTable.h"

#include <QTest>

using namespace twins::federation;
using twins::runs::RunState;

namespace {

// Trimmed lines as printed by slurmctld 22.05 (the fields the parser does not use shortened).
const QByteArray scontrolLines =
    "JobId=2 JobName=wrap UserId=root(0) JobState=FAILED Reason=NonZeroExitCode "
    "Dependency=(null) ExitCode=3:0 RunTime=00:00:00 WorkDir=/home/user/my dir/x StdOut=/tmp/o-2\n"
    "JobId=3 ArrayJobId=3 ArrayTaskId=1-3 JobName=wrap JobState=PENDING Reason=Resources "
    "ExitCode=0:0\n"
    "JobId=4 ArrayJobId=3 ArrayTaskId=0 JobName=wrap JobState=RUNNING Reason=None "
    "ExitCode=0:0\n"
    "JobId=7 JobName=big JobState=CANCELLED Reason=None ExitCode=0:15\n"
    "\n"
    "No jobs in the system\n";

const QByteArray jobcompLines =
    "JobId=1 UserId=root(0) GroupId=root(0) Name=wrap JobState=COMPLETED Partition=debug "
    "DerivedExitCode=0:0 ExitCode=0:0\n"
    "JobId=5 UserId=root(0) Name=wrap JobState=COMPLETED Partition=debug ArrayJobId=3 "
    "ArrayTaskId=1 DerivedExitCode=0:0 ExitCode=0:0\n";

SlurmJobRecord jobIn(const QString& state, const QString& reason = "None", int exit = 0,
                     int signal = 0) {
    SlurmJobRecord record;
    record.jobId = "9";
    record.state = state;
    record.reason = reason;
    record.exitCode = exit;
    record.exitSignal = signal;
    return record;
}

} // namespace

class SlurmJobTableTest : public QObject {
    Q_OBJECT

private slots:
    void parsesScontrolLines() {
        const auto records = parseSlurmKeyValueJobs(scontrolLines);
        QCOMPARE(records.size(), 4);
        QCOMPARE(records[0].jobId, QStringLiteral("2"));
        QCOMPARE(records[0].state, QStringLiteral("FAILED"));
        QCOMPARE(records[0].reason, QStringLiteral("NonZeroExitCode"));
        QCOMPARE(records[0].exitCode, std::optional<int>(3));
        QCOMPARE(records[1].arrayJobId, QStringLiteral("3"));
        QCOMPARE(records[1].arrayTaskSpec, QStringLiteral("1-3"));
        QCOMPARE(records[3].exitSignal, 15);
    }

    void arrayTaskSpecs() {
        QVERIFY(arrayTaskSpecContains("3", 3));
        QVERIFY(!arrayTaskSpecContains("3", 4));
        QVERIFY(arrayTaskSpecContains("0-3", 0));
        QVERIFY(arrayTaskSpecContains("0-3", 3));
        QVERIFY(!arrayTaskSpecContains("0-3", 4));
        QVERIFY(arrayTaskSpecContains("1,3-5", 4));
        QVERIFY(!arrayTaskSpecContains("1,3-5", 2));
        QVERIFY(arrayTaskSpecContains("0-7%2", 7));
        QVERIFY(!arrayTaskSpecContains("0-7%2", 2 + 8));
        QVERIFY(!arrayTaskSpecContains("", 0));
    }

    void findsPlainJobsAndArrayTasks() {
        const auto records = parseSlurmKeyValueJobs(scontrolLines);
        QCOMPARE(findSlurmJob(records, "2")->state, QStringLiteral("FAILED"));
        // A started task has its own record...
        QCOMPARE(findSlurmJob(records, "3_0")->state, QStringLiteral("RUNNING"));
        // ...tasks not started yet share the pending range record.
        QCOMPARE(findSlurmJob(records, "3_2")->state, QStringLiteral("PENDING"));
        QVERIFY(!findSlurmJob(records, "3_4").has_value());
        QVERIFY(!findSlurmJob(records, "99").has_value());
        QVERIFY(!findSlurmJob(records, "3_x").has_value());
    }

    void findsFinishedArrayTasksInTheJobcompLog() {
        const auto records = parseSlurmKeyValueJobs(jobcompLines);
        QCOMPARE(records.size(), 2);
        QCOMPARE(findSlurmJob(records, "3_1")->jobId, QStringLiteral("5"));
        QCOMPARE(findSlurmJob(records, "1")->state, QStringLiteral("COMPLETED"));
    }

    void mapsStatesOntoRunStates_data() {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("exit");
        QTest::addColumn<int>("signal");
        QTest::addColumn<int>("expected"); // RunState, or -1 for none
        QTest::addColumn<QString>("detail");
        QTest::addColumn<int>("exitCode"); // -1: none
        const int queued = int(RunState::Queued), running = int(RunState::Running),
                  succeeded = int(RunState::Succeeded), failed = int(RunState::Failed),
                  cancelled = int(RunState::Cancelled);
        QTest::newRow("pending") << "PENDING"
                                 << "Resources" << 0 << 0 << queued << "SLURM PENDING (Resources)"
                                 << -1;
        QTest::newRow("pending none") << "PENDING"
                                      << "None" << 0 << 0 << queued << "SLURM PENDING" << -1;
        QTest::newRow("configuring") << "CONFIGURING"
                                     << "None" << 0 << 0 << queued << "SLURM CONFIGURING" << -1;
        QTest::newRow("running") << "RUNNING"
                                 << "None" << 0 << 0 << running << "SLURM RUNNING" << -1;
        QTest::newRow("completing") << "COMPLETING"
                                    << "None" << 0 << 0 << running << "SLURM COMPLETING" << -1;
        QTest::newRow("completed") << "COMPLETED"
                                   << "None" << 0 << 0 << succeeded << "SLURM COMPLETED" << 0;
        QTest::newRow("failed") << "FAILED"
                                << "NonZeroExitCode" << 3 << 0 << failed
                                << "SLURM job failed (exit code 3)" << 3;
        QTest::newRow("killed") << "FAILED"
                                << "None" << 0 << 9 << failed
                                << "SLURM job failed (killed by signal 9)" << 137;
        QTest::newRow("cancelled")
            << "CANCELLED"
            << "None" << 0 << 15 << cancelled << "SLURM job cancelled" << 143;
        QTest::newRow("timeout") << "TIMEOUT"
                                 << "TimeLimit" << 0 << 0 << failed
                                 << "SLURM job reached its time limit (TIMEOUT)" << 0;
        QTest::newRow("node fail")
            << "NODE_FAIL"
            << "None" << 0 << 0 << failed << "SLURM node failure (NODE_FAIL)" << 0;
        QTest::newRow("oom") << "OUT_OF_MEMORY"
                             << "None" << 0 << 0 << failed
                             << "SLURM job ran out of memory (OUT_OF_MEMORY)" << 0;
        QTest::newRow("boot fail") << "BOOT_FAIL"
                                   << "None" << 0 << 0 << failed << "SLURM BOOT_FAIL" << 0;
        QTest::newRow("unknown") << "WIBBLE"
                                 << "None" << 0 << 0 << -1 << "unknown SLURM job state 'WIBBLE'"
                                 << -1;
    }

    void mapsStatesOntoRunStates() {
        QFETCH(QString, state);
        QFETCH(QString, reason);
        QFETCH(int, exit);
        QFETCH(int, signal);
        QFETCH(int, expected);
        QFETCH(QString, detail);
        QFETCH(int, exitCode);
        const BackendObservation observation = observeSlurmJob(jobIn(state, reason, exit, signal));
        QVERIFY(observation.reachable);
        QCOMPARE(observation.state ? int(*observation.state) : -1, expected);
        QCOMPARE(observation.detail, detail);
        QCOMPARE(observation.exitCode ? *observation.exitCode : -1, exitCode);
    }
};

QTEST_GUILESS_MAIN(SlurmJobTableTest)
#include "SlurmJobTableTest.moc"
