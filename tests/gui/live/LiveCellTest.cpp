// A running run's in-situ extracts followed live in a view cell (issue 24, item 4): a run
// directory written by hand, as another node on a shared file system writes one (status.json
// and insitu/ only), is followed extract by extract, the slider holding a step and following
// again, the last extract kept when the run ends; a field off the map (a pulsar-like frame over
// frequency x phase) is drawn as an image; "Open in ParaView" says plainly when ParaView
// is not there and hands a found one the Catalyst series; and a real cyclone generate run with
// insitu=extracts drives the cell while it runs (rendered pixels change between two extracts,
// the slider covers the extracts so far). Screenshots go to build/screenshots.
#include "live/LiveCells.h"
#include "live/LiveExtractView.h"
#include "runs/RunMonitor.h"
#include "runs/RunsController.h"
#include "shell/MainWindow.h"
#include "twinbench/insitu/ExtractWriter.h"
#include "twinbench/insitu/Publisher.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/widgets/RunDetails.h"
#include "twinbench/widgets/RunTableModel.h"
#include "twinbench/widgets/RunsPanel.h"
#include "workspace/Workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <set>

using namespace twins;

namespace {

// A storm-like low moving east across a regional lon/lat grid, one snapshot per step.
insitu::Snapshot lowAt(std::int64_t step) {
    insitu::Snapshot snapshot;
    snapshot.stream = "drivers";
    snapshot.step = step;
    snapshot.time = 6.0 * static_cast<double>(step);
    snapshot.timeUnits = "hours since 2017-09-01 00:00:00";
    snapshot.calendar = "standard";
    std::vector<double> lat, lon;
    for (double value = 0.0; value <= 40.0; value += 1.0) {
        lat.push_back(value);
    }
    for (double value = -100.0; value <= -20.0; value += 1.0) {
        lon.push_back(value);
    }
    snapshot.axes = {{"latitude", "degrees_north", "latitude", lat},
                     {"longitude", "degrees_east", "longitude", lon}};
    const double centreLon = -90.0 + 20.0 * static_cast<double>(step);
    std::vector<float> msl;
    for (double y : lat) {
        for (double x : lon) {
            const double d2 = (x - centreLon) * (x - centreLon) + (y - 20.0) * (y - 20.0);
            msl.push_back(static_cast<float>(101300.0 - 3000.0 * std::exp(-d2 / 60.0)));
        }
    }
    snapshot.fields = {{"msl",
                        "Pa",
                        "Mean sea level pressure",
                        "air_pressure_at_mean_sea_level",
                        {"latitude", "longitude"},
                        msl}};
    snapshot.pointSets = {{"storms",
                           {{"lat", "degrees_north", "latitude", {20.0}},
                            {"lon", "degrees_east", "longitude", {centreLon}}}}};
    return snapshot;
}

// What the Publisher of a run on another node leaves: the extract, then status.json naming it.
void publishByHand(const QString& run, std::int64_t step, int count, const QString& state) {
    const QString name = insitu::extractFileName("drivers", step);
    if (step >= 0) {
        insitu::writeExtract(lowAt(step), (run + "/insitu/" + name).toStdString(), "by-hand");
    }
    QJsonObject status{{"state", state}, {"progress", 0.5}};
    status.insert("insitu", QJsonObject{{"step", static_cast<double>(step)},
                                        {"stream", "drivers"},
                                        {"file", "insitu/" + name},
                                        {"count", count},
                                        {"time", "2026-12-07T12:00:00.000Z"}});
    QFile file(run + "/status.json.part");
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(status).toJson());
    file.close();
    QFile::remove(run + "/status.json");
    QVERIFY(QFile::rename(run + "/status.json.part", run + "/status.json"));
}

// Share of sampled pixels whose colour moved by more than 40 (sum over the channels).
double changedShare(const QImage& a, const QImage& b) {
    if (a.size() != b.size() || a.isNull()) {
        return 0.0;
    }
    int changed = 0, all = 0;
    for (int y = 0; y < a.height(); y += 3) {
        for (int x = 0; x < a.width(); x += 3) {
            const QColor p = a.pixelColor(x, y), q = b.pixelColor(x, y);
            changed += std::abs(p.red() - q.red()) + std::abs(p.green() - q.green()) +
                                   std::abs(p.blue() - q.blue()) >
                               40
                           ? 1
                           : 0;
            ++all;
        }
    }
    return static_cast<double>(changed) / all;
}

QImage grab(app::LiveExtractView* live) {
    auto* map = qobject_cast<viz::MapView*>(live->drawingWidget());
    return map != nullptr ? map->grabFramebuffer() : QImage();
}

void saveScreenshot(const QImage& image, const QString& name) {
    QDir().mkpath(TWINBENCH_BINARY_DIR "/screenshots");
    image.save(QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots/") + name);
}

// Waits for the live view to draw `step`; false when another outcome or nothing came.
bool waitForStep(app::LiveExtractView* live, std::int64_t step, int timeoutMs = 20000) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (live->shownStep() == step) {
            QTest::qWait(150); // the frame drawn after the field was set
            return true;
        }
        QTest::qWait(50);
    }
    return false;
}

const runs::RunRecord* findRun(widgets::RunsPanel* panel, const QString& module) {
    for (int row = 0; row < panel->tableModel()->rowCount(); ++row) {
        if (panel->tableModel()->recordAt(row)->moduleId == module) {
            return panel->tableModel()->recordAt(row);
        }
    }
    return nullptr;
}

} // namespace

class LiveCellTest : public QObject {
    Q_OBJECT

    app::LiveExtractView* liveView() const {
        return m_window->liveCells()->liveViewIn(m_window->workspace()->activeView());
    }

private slots:
    void initTestCase() {
        QVERIFY(m_root.isValid());
        qputenv("TWINBENCH_RUNS_DIR", m_root.filePath("runs").toUtf8());
        qputenv("TWINBENCH_PLUGIN_PATH", TWINBENCH_PLUGIN_BUILD_DIR);
        qputenv("TWINBENCH_WORKER_EXECUTABLE", TWINBENCH_WORKER_EXECUTABLE);
        m_window = std::make_unique<app::MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->runsController()->monitor()->setInterval(200);
    }

    void followsARunWrittenByAnotherNode() {
        const QString run = m_root.filePath("other-node-run");
        QVERIFY(QDir().mkpath(run + "/insitu"));
        publishByHand(run, 0, 1, "running");

        m_window->liveCells()->openIn(false, "other-node", run);
        app::LiveExtractView* live = liveView();
        QVERIFY(live != nullptr);
        QCOMPARE(live->runId(), QString("other-node"));
        live->setPollInterval(100);
        QVERIFY(waitForStep(live, 0));
        QVERIFY(live->stepLabel()->text().contains("step 0, 2017-09-01 00:00"));
        const QImage first = grab(live);
        QVERIFY(!first.isNull());

        publishByHand(run, 2, 2, "running");
        QVERIFY(waitForStep(live, 2));
        const QImage second = grab(live);
        saveScreenshot(second, "live-cell-other-node.png");
        QCOMPARE(live->slider()->maximum(), 1);
        QCOMPARE(live->slider()->value(), 1);
        // The low moved 40 degrees east: a fair share of the map changed colour.
        const double moved = changedShare(first, second);
        QVERIFY2(moved > 0.02, qPrintable(QString("%1 of the pixels changed").arg(moved)));

        // Held on the first extract, the slider stays there while a third arrives.
        live->slider()->setValue(0);
        QVERIFY(waitForStep(live, 0));
        QVERIFY(!live->following());
        publishByHand(run, 3, 3, "running");
        QTRY_COMPARE_WITH_TIMEOUT(live->slider()->maximum(), 2, 10000);
        QCOMPARE(live->slider()->value(), 0);
        QTest::qWait(300);
        QCOMPARE(live->shownStep(), std::optional<std::int64_t>(0));
        // Back at the end it follows again.
        live->slider()->setValue(2);
        QVERIFY(waitForStep(live, 3));
        QVERIFY(live->following());

        // The run ends: polling stops, the last extract stays.
        publishByHand(run, 3, 3, "succeeded");
        QTRY_VERIFY_WITH_TIMEOUT(live->extractList().ended, 10000);
        QVERIFY(live->caption()->text().contains("the last extracts stay"));
        QCOMPARE(live->shownStep(), std::optional<std::int64_t>(3));

        // No Catalyst extracts: nothing to open in ParaView, and the button says why.
        QVERIFY(!live->paraViewButton()->isEnabled());
        QVERIFY(live->paraViewButton()->toolTip().contains("no Catalyst extracts"));
    }

    void drawsAFieldOffTheMapAsAnImage() {
        // A pulsar-like frame: a dispersed pulse over frequency x phase, no longitude/latitude.
        const QString run = m_root.filePath("frames-run");
        QVERIFY(QDir().mkpath(run + "/insitu"));
        insitu::Snapshot frame;
        frame.stream = "frames";
        frame.step = 5;
        frame.timeUnits = "1";
        std::vector<double> frequency, phase;
        for (int c = 0; c < 64; ++c) {
            frequency.push_back(0.85 - 0.6 * c / 63.0);
        }
        for (int k = 0; k < 128; ++k) {
            phase.push_back(5.0 * k);
        }
        frame.axes = {{"frequency", "GHz", "", frequency}, {"phase", "degree", "", phase}};
        std::vector<float> power;
        for (int c = 0; c < 64; ++c) {
            for (int k = 0; k < 128; ++k) {
                const double centre = 200.0 + 150.0 / (frequency[c] * frequency[c]);
                power.push_back(static_cast<float>(
                    std::exp(-(phase[k] - centre) * (phase[k] - centre) / 200.0)));
            }
        }
        frame.fields = {{"power", "K", "recorded power", "", {"frequency", "phase"}, power}};
        insitu::writeExtract(frame, (run + "/insitu/frames_00000005.nc").toStdString(), "frames");
        QFile status(run + "/status.json");
        QVERIFY(status.open(QIODevice::WriteOnly));
        status.write(QJsonDocument(QJsonObject{{"state", "running"},
                                               {"insitu", QJsonObject{{"step", 5},
                                                                      {"stream", "frames"},
                                                                      {"count", 1}}}})
                         .toJson());
        status.close();
        m_window->liveCells()->openIn(false, "frames", run);
        app::LiveExtractView* live = liveView();
        QVERIFY(live != nullptr);
        QVERIFY(waitForStep(live, 5));
        QCOMPARE(live->drawingWidget(), static_cast<QWidget*>(live->fieldView()));
        QVERIFY(live->stepLabel()->text().startsWith("step 5"));
        const QImage image = live->fieldView()->grabFramebuffer();
        saveScreenshot(image, "live-cell-frames.png");
        // The pulse is drawn: viridis' yellow end on a mostly purple frame (left of the colour
        // bar, which has its own yellow).
        int yellow = 0;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width() * 3 / 4; x += 3) {
                const QColor c = image.pixelColor(x, y);
                yellow += c.red() > 200 && c.green() > 200 && c.blue() < 80 ? 1 : 0;
            }
        }
        QVERIFY2(yellow > 20, qPrintable(QString("%1 yellow samples").arg(yellow)));
    }

    void openInParaViewSaysWhenItIsMissingAndHandsItTheSeries() {
        const QString run = m_root.filePath("catalyst-run");
        QVERIFY(QDir().mkpath(run + "/insitu/catalyst"));
        // Two VTK XML image data extracts as Catalyst's data extracts name them.
        for (const char* name : {"drivers_4.vti", "drivers_8.vti"}) {
            QFile file(run + "/insitu/catalyst/" + name);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("<?xml version=\"1.0\"?>\n<VTKFile type=\"ImageData\" version=\"1.0\">"
                       "<ImageData WholeExtent=\"0 0 0 0 0 0\" Origin=\"0 0 0\" "
                       "Spacing=\"1 1 1\"><Piece Extent=\"0 0 0 0 0 0\"></Piece></ImageData>"
                       "</VTKFile>\n");
        }
        publishByHand(run, 8, 2, "succeeded");
        m_window->liveCells()->openIn(false, "catalyst", run);
        app::LiveExtractView* live = liveView();
        QVERIFY(live != nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(live->paraViewButton()->isEnabled(), 10000);

        qputenv("TWINBENCH_PARAVIEW", m_root.filePath("no/such/paraview").toUtf8());
        QSignalSpy outcome(live, &app::LiveExtractView::paraViewOutcome);
        live->paraViewButton()->click();
        QVERIFY(outcome.wait(10000));
        QCOMPARE(outcome.first().at(0).toBool(), false);
        QVERIFY2(outcome.first().at(1).toString().startsWith("ParaView is not installed"),
                 qPrintable(outcome.first().at(1).toString()));
        QVERIFY(live->caption()->text().contains("ParaView is not installed"));

        // A ParaView that answers --version and records what it was asked to open.
        const QString fake = m_root.filePath("paraview");
        const QString asked = m_root.filePath("paraview-arguments.txt");
        QFile script(fake);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(QString("#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'paraview version "
                             "5.11.0'; exit 0; fi\necho \"$@\" > '%1'\n")
                         .arg(asked)
                         .toUtf8());
        script.close();
        script.setPermissions(script.permissions() | QFile::ExeOwner);
        qputenv("TWINBENCH_PARAVIEW", fake.toUtf8());
        outcome.clear();
        live->paraViewButton()->click();
        QVERIFY(outcome.wait(10000));
        QCOMPARE(outcome.first().at(0).toBool(), true);
        // What the detached ParaView was asked to open, once its shell has written it.
        const auto argumentsGiven = [&asked] {
            QFile file(asked);
            return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed()
                                                  : QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!argumentsGiven().isEmpty(), 10000);
        QCOMPARE(argumentsGiven(), "--data=" + run + "/insitu/catalyst/drivers_..vti");
        qunsetenv("TWINBENCH_PARAVIEW");
    }

    void liveCellUpdatesDuringACycloneGenerateRun() {
        // A month at 1 deg: 120 six-hourly steps of 71 x 221 points in ~2-3 s, the default
        // insitu_every publishing every 12th (ten extracts).
        widgets::LaunchRequest request{"cyclone",
                                       "generate",
                                       QJsonObject{{"period", "2017-09-01/2017-09-30"},
                                                   {"resolution", 1.0},
                                                   {"seed", 5},
                                                   {"insitu", "extracts"}},
                                       {},
                                       "local"};
        m_window->runsController()->launch(request);
        widgets::RunsPanel* panel = m_window->runsPanel();
        QTRY_VERIFY_WITH_TIMEOUT(findRun(panel, "cyclone") != nullptr, 20000);
        const QString runId = findRun(panel, "cyclone")->id;
        const QString runDirectory = findRun(panel, "cyclone")->runDirectory;
        // Opened as the run's context menu opens it: before the first extract exists.
        m_window->liveCells()->openIn(false, runId, runDirectory);
        app::LiveExtractView* live = liveView();
        QVERIFY(live != nullptr);
        live->setPollInterval(100);

        struct Drawn {
            std::int64_t step;
            QImage image;
            int sliderMaximum;
            int extractsSoFar;
        };
        std::vector<Drawn> whileRunning;
        connect(
            live, &app::LiveExtractView::frameShown, this, [&](qint64 step, const QString& error) {
                if (!error.isEmpty() || live->extractList().ended) {
                    return;
                }
                QTimer::singleShot(100, live, [&, step] {
                    whileRunning.push_back({step, grab(live), live->slider()->maximum(),
                                            static_cast<int>(live->extractList().extracts.size())});
                });
            });
        // The extract counts the slider spanned while the run ran, as each poll applied them.
        std::set<int> sliderSpans;
        connect(live, &app::LiveExtractView::listRefreshed, this, [&] {
            if (!live->extractList().ended && !live->extractList().extracts.isEmpty()) {
                QCOMPARE(live->slider()->maximum(), live->extractList().extracts.size() - 1);
                sliderSpans.insert(live->slider()->maximum() + 1);
            }
        });
        QTRY_VERIFY_WITH_TIMEOUT(live->extractList().ended, 120000);
        QCOMPARE(live->extractList().state, QString("succeeded"));
        QVERIFY2(
            whileRunning.size() >= 2,
            qPrintable(QString("%1 extracts drawn while the run ran").arg(whileRunning.size())));
        const Drawn& a = whileRunning.front();
        const Drawn& b = whileRunning.back();
        QVERIFY(b.step > a.step);
        // The slider spans the extracts the run had written when each step was drawn: it grew.
        for (const Drawn& drawn : whileRunning) {
            QCOMPARE(drawn.sliderMaximum, drawn.extractsSoFar - 1);
        }
        QVERIFY2(sliderSpans.size() >= 2,
                 qPrintable(QString("the slider spanned %1 extract counts while the run ran")
                                .arg(sliderSpans.size())));
        const double changed = changedShare(a.image, b.image);
        saveScreenshot(a.image, "live-cell-cyclone-first.png");
        saveScreenshot(b.image, "live-cell-cyclone-later.png");
        qInfo("drawn while running: %zu extracts, steps %lld..%lld, %.3f of the pixels changed",
              whileRunning.size(), static_cast<long long>(a.step), static_cast<long long>(b.step),
              changed);
        QVERIFY2(changed > 0.01, qPrintable(QString("%1 of the pixels changed").arg(changed)));
        // Ended: the cell shows the last extract and keeps it.
        const std::int64_t last = live->extractList().extracts.last().step;
        QCOMPARE(live->extractList().newestStep, last);
        QVERIFY(waitForStep(live, last));
        const QStringList written =
            QDir(runDirectory + "/insitu").entryList({"drivers_*.nc"}, QDir::Files);
        QCOMPARE(live->slider()->maximum(), written.size() - 1);
        disconnect(live, nullptr, this, nullptr);
        saveScreenshot(m_window->grab().toImage(), "live-cell-window.png");

        // The run's Results list offers the live extracts too.
        panel->selectRun(runId);
        QListWidget* results = panel->details()->resultList();
        QTRY_VERIFY_WITH_TIMEOUT(
            !results->findItems("Live extracts: drivers", Qt::MatchStartsWith).isEmpty(), 10000);
        m_window->liveCells()->openIn(false, "other-node", m_root.filePath("other-node-run"));
        QCOMPARE(liveView()->runId(), QString("other-node"));
        emit results->itemActivated(
            results->findItems("Live extracts: drivers", Qt::MatchStartsWith).first());
        QCOMPARE(liveView()->runId(), runId);
    }

private:
    QTemporaryDir m_root;
    std::unique_ptr<app::MainWindow> m_window;
};

QTEST_MAIN(LiveCellTest)
#include "LiveCellTest.moc"
