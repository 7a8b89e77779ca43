// The Runs dock in the main window, end to end with the real worker and the testtwin plugin:
// launch from the GUI, watch the run succeed, open its output in a view (pixels checked),
// cancel a running job, see a failure with its reason, and a run submitted by another process
// (the CLI) appear without a restart.
#include "runs/RunMonitor.h"
#include "runs/RunsController.h"
#include "shell/MainWindow.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/widgets/LaunchDialog.h"
#include "twinbench/widgets/ParameterForm.h"
#include "twinbench/widgets/RunDetails.h"
#include "twinbench/widgets/RunTableModel.h"
#include "twinbench/widgets/RunsPanel.h"
#include "workspace/Workspace.h"

#include <QListWidget>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace twins;

namespace {

const runs::RunRecord* findRun(widgets::RunsPanel* panel, const QString& action) {
    const widgets::RunTableModel* model = panel->tableModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->recordAt(row)->action == action) {
            return model->recordAt(row);
        }
    }
    return nullptr;
}

runs::RunState stateOf(widgets::RunsPanel* panel, const QString& action) {
    const runs::RunRecord* record = findRun(panel, action);
    return record != nullptr ? record->state : runs::RunState::Created;
}

} // namespace

class RunsDockTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_runsRoot.isValid());
        // Isolated runs root and registry; the worker finds the test plugin.
        qputenv("TWINBENCH_RUNS_DIR", m_runsRoot.path().toUtf8());
        qputenv("TWINBENCH_PLUGIN_PATH", TWINBENCH_TEST_PLUGIN_DIR);
        qputenv("TWINBENCH_WORKER_EXECUTABLE", TWINBENCH_WORKER_EXECUTABLE);
        m_window = std::make_unique<app::MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->runsController()->monitor()->setInterval(200);
        if (!m_window->runsController()->catalog()) {
            QSignalSpy ready(m_window->runsController(), &app::RunsController::catalogReady);
            QVERIFY(ready.wait(10000));
        }
        QVERIFY(m_window->runsController()->catalog()->find(QStringLiteral("testtwin")) != nullptr);
    }

    void launchDialogListsTheTwinAndItsForm() {
        m_window->runsController()->openLaunchDialog();
        widgets::LaunchDialog* dialog = m_window->runsController()->launchDialog();
        QVERIFY(dialog != nullptr);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->request().moduleId, QStringLiteral("testtwin"));
        QVERIFY(!dialog->request().action.isEmpty());
        QVERIFY(dialog->form()->schema().parameters().size() >= 1);
        dialog->reject();
    }

    void generatedRunSucceedsAndItsOutputOpensInAView() {
        QSignalSpy ended(m_window->runsController(), &app::RunsController::runEnded);
        widgets::LaunchRequest request{
            QStringLiteral("testtwin"),
            QStringLiteral("generate"),
            QJsonObject{{QStringLiteral("size"), 32},
                        {QStringLiteral("pattern"), QStringLiteral("gradient")}},
            {},
            QStringLiteral("local")};
        m_window->runsController()->launch(request);
        widgets::RunsPanel* panel = m_window->runsPanel();
        QTRY_VERIFY_WITH_TIMEOUT(
            stateOf(panel, QStringLiteral("generate")) == runs::RunState::Succeeded, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(ended.count() >= 1, 5000);
        const runs::RunRecord* record = findRun(panel, QStringLiteral("generate"));
        QCOMPARE(record->progress, 1.0);
        panel->selectRun(record->id);
        QListWidget* outputs = panel->details()->outputList();
        QTRY_VERIFY_WITH_TIMEOUT(outputs->count() >= 1, 5000);
        QListWidgetItem* field =
            outputs->findItems(QStringLiteral("field.nc"), Qt::MatchExactly).value(0);
        QVERIFY(field != nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(panel->details()->provenanceTree()->topLevelItemCount() == 1,
                                 5000);

        QSignalSpy shown(m_window->workspace(), &app::Workspace::fieldShown);
        QSignalSpy rendered(m_window->workspace(), &app::Workspace::fieldFrameRendered);
        emit outputs->itemActivated(field);
        QVERIFY(shown.wait(15000));
        QCOMPARE(shown.first().at(1).toString(), QStringLiteral("field"));
        QVERIFY(rendered.count() > 0 || rendered.wait(10000));
        // The gradient runs from 0 to the amplitude across x: viridis' dark purple on the left
        // edge of the field, its yellow on the right.
        const QImage image = m_window->workspace()->activeView()->grabFramebuffer();
        QVERIFY(!image.isNull());
        int coloured = 0;
        for (int x = 0; x < image.width(); x += 7) {
            const QColor colour = image.pixelColor(x, image.height() / 2);
            if (colour.saturation() > 80) {
                ++coloured;
            }
        }
        QVERIFY2(coloured > 10, qPrintable(QStringLiteral("%1 coloured samples").arg(coloured)));
    }

    void runningJobIsCancelledFromTheDock() {
        m_window->runsController()->launch({QStringLiteral("testtwin"),
                                            QStringLiteral("sleep"),
                                            QJsonObject{{QStringLiteral("seconds"), 60.0}},
                                            {},
                                            QStringLiteral("local")});
        widgets::RunsPanel* panel = m_window->runsPanel();
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(panel, QStringLiteral("sleep")) == runs::RunState::Running,
                                 20000);
        panel->selectRun(findRun(panel, QStringLiteral("sleep"))->id);
        QElapsedTimer timer;
        timer.start();
        emit panel->cancelRequested(panel->currentRunId());
        QTRY_VERIFY_WITH_TIMEOUT(
            stateOf(panel, QStringLiteral("sleep")) == runs::RunState::Cancelled, 20000);
        qInfo("cancel from the dock to state cancelled in the table: %lld ms", timer.elapsed());
    }

    void failedRunShowsItsReason() {
        m_window->runsController()->launch(
            {QStringLiteral("testtwin"),
             QStringLiteral("fail"),
             QJsonObject{{QStringLiteral("message"), QStringLiteral("the sky fell")}},
             {},
             QStringLiteral("local")});
        widgets::RunsPanel* panel = m_window->runsPanel();
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(panel, QStringLiteral("fail")) == runs::RunState::Failed,
                                 20000);
        QVERIFY(findRun(panel, QStringLiteral("fail"))
                    ->detail.contains(QStringLiteral("the sky fell")));
    }

    void runSubmittedByTheCommandLineAppears() {
        QProcess cli;
        cli.start(QStringLiteral(TWINBENCH_WORKER_EXECUTABLE),
                  {QStringLiteral("run"), QStringLiteral("testtwin"), QStringLiteral("sum"),
                   QStringLiteral("--input"),
                   findRun(m_window->runsPanel(), QStringLiteral("generate"))->id});
        QVERIFY(cli.waitForFinished(20000));
        QCOMPARE(cli.exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(m_window->runsPanel(), QStringLiteral("sum")) ==
                                     runs::RunState::Succeeded,
                                 20000);
    }

    void cleanupTestCase() { m_window.reset(); }

private:
    QTemporaryDir m_runsRoot;
    std::unique_ptr<app::MainWindow> m_window;
};

QTEST_MAIN(RunsDockTest)
#include "RunsDockTest.moc"
