// The GUI killed with kill -9 while a local and a SLURM run are active (issue 18). The runs live
// in their own processes (a detached worker, a SLURM job), so after a restart the Runs dock lists
// both with their state, they finish with their provenance, and a notice over the window says
// the last session did not close, where its report is and which runs were read again. A GUI that
// crashes (SIGSEGV) leaves a report with the signal, a backtrace and its last log lines.
//
// The killed GUI is a real `twinbench` process sharing this test's runs folder and data
// directory; the restart is in this process, built as main.cpp builds it (SessionGuard, then the
// window, then showRecoveryNotice), so its widgets and pixels can be checked.
#include "FederationTestSupport.h"
#include "runs/RunMonitor.h"
#include "runs/RunsController.h"
#include "shell/MainWindow.h"
#include "shell/behaviors/RecoveryNotice.h"
#include "support/SessionGuard.h"
#include "twinbench/federation/RunManager.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/widgets/RunTableModel.h"
#include "twinbench/widgets/RunsPanel.h"

#include <QDir>
#include <QMessageBox>
#include <QProcess>
#include <QScreen>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace twins;
using twins::testing::waitUntil;

namespace {

runs::RunState shownState(widgets::RunsPanel* panel, const QString& id) {
    const widgets::RunTableModel* model = panel->tableModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->recordAt(row)->id == id) {
            return model->recordAt(row)->state;
        }
    }
    return runs::RunState::Created;
}

// Pixels of text: dark on the light message box, a share of the area a line of text covers.
double darkPixelShare(const QImage& image) {
    qsizetype dark = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            dark += qGray(image.pixel(x, y)) < 96 ? 1 : 0;
        }
    }
    return static_cast<double>(dark) / static_cast<double>(image.width() * image.height());
}

} // namespace

class GuiKillRecoveryTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;
    QString m_cluster;
    bool m_clusterStarted = false;

    static QString fixture(const QStringList& arguments, int timeoutMs, bool* ok) {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("bash"),
                      QStringList{QStringLiteral(TWINBENCH_SLURM_FIXTURE)} + arguments);
        *ok = process.waitForFinished(timeoutMs) && process.exitStatus() == QProcess::NormalExit &&
              process.exitCode() == 0;
        return QString::fromUtf8(process.readAll());
    }

    static QString sessionMarker(qint64 pid) {
        return QDir(app::SessionGuard::defaultDirectory())
            .filePath(QStringLiteral("session-%1.json").arg(pid));
    }

    // The GUI as a separate process, returned once its session has started (its marker exists)
    // and its window has had time to show.
    static std::unique_ptr<QProcess> startGui() {
        auto gui = std::make_unique<QProcess>();
        gui->setProcessChannelMode(QProcess::ForwardedChannels);
        gui->start(QStringLiteral(TWINBENCH_GUI_EXECUTABLE), {});
        if (!gui->waitForStarted(10000) ||
            waitUntil([&] { return QFile::exists(sessionMarker(gui->processId())); }, 30000) < 0) {
            return nullptr;
        }
        QTest::qWait(1500);
        return gui;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_root.isValid());
        QCOMPARE(twins::testing::prepareWorkerEnvironment(), QString());
        // The killed GUI and this process share the runs, settings and session folders.
        qputenv("TWINBENCH_RUNS_DIR", m_root.filePath("runs").toUtf8());
        qputenv("XDG_DATA_HOME", m_root.filePath("data").toUtf8());
        qputenv("XDG_CONFIG_HOME", m_root.filePath("config").toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("Twinbench"));
        QCoreApplication::setApplicationName(QStringLiteral("twinbench"));

        // munged wants every parent of its socket world-executable; QTemporaryDir is 0700.
        QVERIFY(QFile::setPermissions(m_root.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                         QFile::ExeOwner | QFile::ExeGroup |
                                                         QFile::ExeOther));
        m_cluster = m_root.filePath(QStringLiteral("cluster"));
        bool ok = false;
        const QString output = fixture({"start", m_cluster}, 60000, &ok);
        m_clusterStarted = true; // stop is safe whatever start got to
        QVERIFY2(ok, qPrintable("the SLURM fixture did not start:\n" + output));
        qputenv("SLURM_CONF", (m_cluster + QStringLiteral("/etc/slurm.conf")).toLocal8Bit());
    }

    void cleanupTestCase() {
        if (m_clusterStarted) {
            bool ok = false;
            const QString output = fixture({"stop", m_cluster}, 60000, &ok);
            QVERIFY2(ok, qPrintable("the SLURM fixture did not stop cleanly:\n" + output));
        }
    }

    void killedGuiRestartsWithItsRunsAndSaysSo() {
        std::unique_ptr<QProcess> gui = startGui();
        QVERIFY2(gui != nullptr, "the GUI did not start its session");
        const qint64 killedPid = gui->processId();

        // Runs submitted into the registry the GUI watches, as its Runs dock (or the command
        // line) submits them; both running when the GUI dies.
        runs::RunRecord local;
        runs::RunRecord slurm;
        {
            federation::RunManager manager(federation::RunManager::Options{});
            local = manager.submit(twins::testing::testSpec("sleep", {{"seconds", 8}}, "local"));
            slurm = manager.submit(twins::testing::testSpec("sleep", {{"seconds", 8}}, "slurm"));
        }
        const auto running = [](const runs::RunRecord& run) {
            return runs::RunDirectory::open(run.runDirectory).status().state ==
                   runs::RunState::Running;
        };
        QVERIFY(waitUntil([&] { return running(local) && running(slurm); }, 30000) >= 0);
        ::kill(static_cast<pid_t>(killedPid), SIGKILL);
        QVERIFY(gui->waitForFinished(10000));
        QVERIFY(running(local) && running(slurm));

        // The restart, as main.cpp does it.
        const app::SessionGuard session;
        QCOMPARE(session.uncleanEnds().size(), std::size_t{1});
        const app::EndedSession& ended = session.uncleanEnds().front();
        QCOMPARE(ended.pid, killedPid);
        QVERIFY(!ended.hasBacktrace);
        QFile report(ended.crashReport);
        QVERIFY2(report.open(QIODevice::ReadOnly), qPrintable(ended.crashReport));
        const QString reportText = QString::fromUtf8(report.readAll());
        QVERIFY2(reportText.contains("was killed") && reportText.contains("Last log lines:"),
                 qPrintable(reportText));
        QVERIFY(!QFile::exists(sessionMarker(killedPid)));

        app::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.runsController()->monitor()->setInterval(300);
        QPointer<QMessageBox> notice = app::showRecoveryNotice(
            &window, window.runsController()->monitor()->service(), session.uncleanEnds());
        QVERIFY(notice != nullptr);
        QCOMPARE(notice->objectName(), QStringLiteral("recoveryNotice"));
        QTRY_VERIFY_WITH_TIMEOUT(notice->informativeText().contains(local.id) &&
                                     notice->informativeText().contains(slurm.id),
                                 20000);
        const QString text = notice->informativeText();
        QVERIFY2(text.contains(ended.crashReport) &&
                     text.contains(QStringLiteral("process %1").arg(killedPid)),
                 qPrintable(text));
        QVERIFY2(text.contains(local.id + " (testtwin sleep, local): running") ||
                     text.contains(local.id + " (testtwin sleep, local): succeeded"),
                 qPrintable(text));
        QVERIFY2(text.contains(slurm.id + " (testtwin sleep, slurm): running") ||
                     text.contains(slurm.id + " (testtwin sleep, slurm): succeeded"),
                 qPrintable(text));

        // What the user sees: the notice on screen, with text in it.
        QVERIFY(QTest::qWaitForWindowExposed(notice.data()));
        QTest::qWait(200);
        const QImage shown =
            notice->screen()
                ->grabWindow(0, notice->x(), notice->y(), notice->width(), notice->height())
                .toImage();
        QVERIFY(!shown.isNull());
        const double dark = darkPixelShare(shown);
        QVERIFY2(dark > 0.005 && dark < 0.5, qPrintable(QString::number(dark)));

        // Both runs are shown and finish, with their provenance, without the killed GUI.
        widgets::RunsPanel* panel = window.runsPanel();
        QTRY_COMPARE_WITH_TIMEOUT(shownState(panel, local.id), runs::RunState::Succeeded, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(shownState(panel, slurm.id), runs::RunState::Succeeded, 30000);
        QVERIFY(QFile::exists(local.runDirectory + "/prov.json"));
        QVERIFY(QFile::exists(slurm.runDirectory + "/prov.json"));
        if (notice) {
            notice->close();
        }
    }

    void crashedGuiLeavesABacktrace() {
        std::unique_ptr<QProcess> gui = startGui();
        QVERIFY2(gui != nullptr, "the GUI did not start its session");
        const qint64 crashedPid = gui->processId();
        ::kill(static_cast<pid_t>(crashedPid), SIGSEGV);
        QVERIFY(gui->waitForFinished(10000));
        QCOMPARE(gui->exitStatus(), QProcess::CrashExit);

        const app::SessionGuard session;
        QCOMPARE(session.uncleanEnds().size(), std::size_t{1});
        const app::EndedSession& ended = session.uncleanEnds().front();
        QCOMPARE(ended.pid, crashedPid);
        QVERIFY(ended.hasBacktrace);
        QFile report(ended.crashReport);
        QVERIFY2(report.open(QIODevice::ReadOnly), qPrintable(ended.crashReport));
        const QString reportText = QString::fromUtf8(report.readAll());
        QVERIFY2(reportText.contains("signal 11 (SIGSEGV") &&
                     reportText.contains("Backtrace (newest call first):") &&
                     reportText.contains("Last log lines:"),
                 qPrintable(reportText));
        // backtrace_symbols_fd names the binary of each frame: at least a few of them.
        QVERIFY2(reportText.count(QStringLiteral("twinbench")) >= 2, qPrintable(reportText));
    }
};

QTEST_MAIN(GuiKillRecoveryTest)
#include "GuiKillRecoveryTest.moc"
