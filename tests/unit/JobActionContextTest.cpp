// The batch job's ActionContext in-process: progress throttled to one status.json write per
// 200 ms with the last report always flushed, metrics and log lines landing in the run's files,
// and input resolution (absolute, relative, run id, a run's directory) with its errors.
#include "TestFiles.h"
#include "twinbench/jobs/InputResolution.h"
#include "twinbench/jobs/RunActionContext.h"
#include "twinbench/runs/RunId.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace twins;

class JobActionContextTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;

    runs::RunDirectory createRun(const QStringList& inputs = {}) {
        runs::RunSpec spec = runs::RunSpec::forCurrentBuild("testtwin", "sum", "local");
        spec.inputs = inputs;
        const QString id = runs::newRunId();
        return runs::RunDirectory::create(m_root.filePath(id), id, spec);
    }

private slots:
    void progressIsThrottledAndTheLastReportIsKept() {
        const runs::RunDirectory run = createRun();
        bool cancelled = false;
        jobs::RunActionContext context(run, {{"size", 4}}, {}, [&] { return cancelled; });
        QCOMPARE(context.parameters().value("size").toInt(), 4);
        QCOMPARE(context.outputDirectory(), run.outputsPath());

        context.reportProgress(0.1, "first");
        QCOMPARE(run.status().progress, 0.1); // the first report is written at once
        for (int step = 2; step <= 100; ++step) {
            context.reportProgress(step / 100.0, QString("step %1").arg(step));
        }
        // 99 reports within a few microseconds: none written yet, the file shows the first.
        QCOMPARE(run.status().detail, QString("first"));
        context.flushProgress();
        QCOMPARE(run.status().progress, 1.0);
        QCOMPARE(run.status().detail, QString("step 100"));

        context.reportProgress(0.5, "later");
        QTest::qWait(jobs::RunActionContext::minimumProgressIntervalMs + 20);
        context.log("a line"); // any context call after the interval writes the pending report
        QCOMPARE(run.status().detail, QString("later"));
        QVERIFY(twins::testing::readBytes(run.logPath()).contains(" a line\n"));

        context.reportMetric(3, "loss", 0.25);
        QCOMPARE(run.metrics().points.size(), 1);
        QCOMPARE(run.metrics().points[0].step, 3);

        QVERIFY(!context.isCancelled());
        cancelled = true;
        QVERIFY(context.isCancelled());
        QVERIFY_THROWS_EXCEPTION(sdk::ActionCancelled, context.throwIfCancelled());
    }

    void resolvesAbsoluteRelativeAndRunIdInputs() {
        const runs::RunDirectory upstream = createRun();
        upstream.changeState(runs::RunState::Queued);
        upstream.changeState(runs::RunState::Running);
        upstream.changeState(runs::RunState::Succeeded);
        const QString absolute = upstream.specPath();
        // A run's directory, by a relative or an absolute path, means the run: its outputs/.
        const runs::RunDirectory run = createRun(
            {absolute, "spec.json", upstream.runId(), "../" + upstream.runId(), upstream.path()});
        const QStringList resolved = jobs::resolveRunInputs(run, run.spec().inputs);
        QCOMPARE(resolved, QStringList({absolute, run.specPath(), upstream.outputsPath(),
                                        upstream.outputsPath(), upstream.outputsPath()}));
    }

    void refusesMissingAndUnfinishedInputs() {
        const runs::RunDirectory unfinished = createRun();
        const runs::RunDirectory run = createRun();
        auto errorFor = [&](const QString& input) {
            try {
                jobs::resolveRunInputs(run, {input});
            } catch (const sdk::SdkError& error) {
                return error.message();
            }
            return QString("(resolved)");
        };
        QVERIFY(errorFor("nothing.nc")
                    .contains("input 'nothing.nc': does not exist (resolved to " + run.path() +
                              "/nothing.nc, relative to the run"));
        QVERIFY(errorFor("/no/such/file.nc").contains("input '/no/such/file.nc': does not exist"));
        QVERIFY(errorFor(unfinished.runId()).contains("has not succeeded (state created)"));
        QVERIFY(errorFor(unfinished.path()).contains("has not succeeded (state created)"));
        const QString missingId = runs::newRunId();
        QVERIFY(errorFor(missingId).contains("no run " + missingId + " beside this run"));
        QVERIFY(errorFor(" ").contains("is empty"));
    }
};

QTEST_GUILESS_MAIN(JobActionContextTest)
#include "JobActionContextTest.moc"
