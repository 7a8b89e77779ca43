// The Explore (what-if) dock end to end, through the real `twinbench-run serve` and the testtwin
// plugin: moving a parameter sends a request and the answer is drawn (table contents, volume
// cells and pixels, tracks on the map), the latest request wins (50 quick changes make far
// fewer requests and the last answer is for the last value), a worker killed with SIGKILL is
// restarted on the next request with a status saying so, and a query's error is shown verbatim.
#include "explore/ExploreDock.h"

#include "answers/AnswerView.h"
#include "answers/ComparisonAnswer.h"
#include "answers/kinds/metrics_table/MetricsAnswer.h"
#include "answers/kinds/tracks/TracksAnswer.h"
#include "answers/kinds/tracks/TracksPage.h"
#include "answers/kinds/volume/VolumeAnswer.h"
#include "answers/kinds/volume/VolumePage.h"
#include "explore/ExploreSession.h"
#include "explore/ExploreSliders.h"
#include "results/ResultView.h"
#include "results/RunResults.h"
#include "shell/MainWindow.h"
#include "twinbench/viz/ComparisonChartView.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/VolumeView.h"
#include "twinbench/viz/VtkVersion.h"
#include "twinbench/viz/VtkView.h"
#include "twinbench/widgets/ParameterForm.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLabel>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

#include <vtkGenericOpenGLRenderWindow.h>

#include <cmath>
#include <csignal>
#include <memory>

using namespace twins;
using twins::app::ExploreDock;

namespace {

constexpr int answerTimeoutMs = 20000;

void saveScreenshot(const QImage& image, const QString& name) {
    const QString directory = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
    QDir().mkpath(directory);
    image.save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// The table's value in the row named `metric`, empty when there is no such row.
QString metricValue(const QTableWidget& table, const QString& metric) {
    for (int row = 0; row < table.rowCount(); ++row) {
        if (table.item(row, 0) && table.item(row, 0)->text() == metric) {
            return table.item(row, 1)->text();
        }
    }
    return {};
}

// Pixels whose channels differ by more than 12: coloured, not white, black or grey.
int colouredPixels(const QImage& image) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::max({c.red(), c.green(), c.blue()}) -
                    std::min({c.red(), c.green(), c.blue()}) >
                12) {
                ++count;
            }
        }
    }
    return count;
}

} // namespace

class ExploreDockTest : public QObject {
    Q_OBJECT

    std::unique_ptr<ExploreDock> m_dock;

    // A dock on testtwin's query, its first answer (defaults) shown.
    void openQuery(const QString& query) {
        m_dock =
            std::make_unique<ExploreDock>(nullptr, QStringLiteral(TWINBENCH_WORKER_EXECUTABLE));
        m_dock->resize(1100, 900);
        m_dock->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dock.get()));
        QSignalSpy shown(m_dock.get(), &ExploreDock::answerShown);
        m_dock->setCatalog(sdk::ModuleCatalog::scan({QStringLiteral(TWINBENCH_TEST_PLUGIN_DIR)}));
        QVERIFY(m_dock->selectQuery(QStringLiteral("testtwin"), query));
        QVERIFY2(shown.wait(answerTimeoutMs), qPrintable(m_dock->statusLabel()->text()));
    }

    // Waits until the answer to the request with this serial or a later one is shown.
    bool waitForAnswerAfter(quint64 serialBefore) {
        return QTest::qWaitFor(
            [&] { return m_dock->shownSerial() > serialBefore && !m_dock->session()->busy(); },
            answerTimeoutMs);
    }

    QDoubleSpinBox* numberBox(const QString& key) {
        return qobject_cast<QDoubleSpinBox*>(m_dock->form()->editorFor(key));
    }

private slots:
    void cleanup() { m_dock.reset(); }

    void readsTheAnswerConventions() {
        // A 2 x 1 x 3 volume in z-fastest order (calogan's cells): value = 10 i + k.
        std::vector<float> zFastest;
        for (int i = 0; i < 2; ++i) {
            for (int k = 0; k < 3; ++k) {
                zFastest.push_back(static_cast<float>(10 * i + k));
            }
        }
        const QByteArray bytes(reinterpret_cast<const char*>(zFastest.data()),
                               static_cast<qsizetype>(zFastest.size() * sizeof(float)));
        QJsonObject volume{{"name", "Energy"},
                           {"units", "GeV"},
                           {"dims", QJsonArray{2, 1, 3}},
                           {"order", "z_fastest"},
                           {"float32_base64", QString::fromLatin1(bytes.toBase64())}};
        const app::ExploreVolumes volumes = app::readVolumeAnswer(
            {{"volumes", QJsonArray{volume}},
             {"conditions", QJsonObject{{"energy", QJsonObject{{"value", 100}, {"units", "GeV"}}},
                                        {"particle", "e-"}}}});
        QCOMPARE(volumes.header.conditions, QString("energy 100 GeV, particle e-"));
        QCOMPARE(volumes.volumes.front().at(1, 0, 2), 12.0f);
        QCOMPARE(volumes.volumes.front().at(0, 0, 1), 1.0f);
        volume.insert("dims", QJsonArray{2, 2, 3});
        try {
            app::readVolumeAnswer({{"volumes", QJsonArray{volume}}});
            QFAIL("a volume with too few bytes was accepted");
        } catch (const app::ExploreAnswerError& error) {
            QCOMPARE(QString::fromUtf8(error.what()),
                     QString("answer field 'volumes[0].float32_base64': expected 48 bytes (12 "
                             "float32 values for dims 2 x 2 x 3), got 24 bytes"));
        }
        // Metrics in the twin's order, line charts as profiles, a missing field named.
        const app::ExploreMetrics metrics = app::readMetricsAnswer(
            {{"metrics",
              QJsonArray{QJsonObject{{"name", "POD"}, {"value", 0.91}},
                         QJsonObject{{"name", "mean error"}, {"value", 42}, {"units", "km"}}}}});
        QCOMPARE(metrics.metrics.at(1).name, QString("mean error"));
        QCOMPARE(metrics.metrics.at(1).units, QString("km"));
        const viz::ComparisonSpec profile = app::readChartAnswer(
            {{"title", "Profile"},
             {"x", QJsonObject{{"name", "Layer"}}},
             {"y", QJsonObject{{"name", "Energy"}, {"units", "GeV"}}},
             {"bin_edges", QJsonArray{0, 1, 2}},
             {"reference", QJsonObject{{"values", QJsonArray{1, 2}}}},
             {"generated",
              QJsonObject{{"label", "GAN"}, {"values", QJsonArray{1.1, QJsonValue()}}}}},
            "line_chart");
        QCOMPARE(profile.kind, viz::ComparisonSpec::Kind::Profile);
        QVERIFY(std::isnan(profile.generated.values[1]));
        try {
            app::readTracksAnswer({{"title", "no tracks"}});
            QFAIL("a tracks answer without tracks was accepted");
        } catch (const app::ExploreAnswerError& error) {
            QCOMPARE(QString::fromUtf8(error.what()),
                     QString("answer field 'tracks': expected an array"));
        }
    }

    void movingASliderAsksAndDrawsTheAnswer() {
        openQuery(QStringLiteral("field_summary"));
        QTableWidget* table =
            m_dock->answerView()->page<app::MetricsPage>("metrics_table")->table();
        // Defaults: a 16x16 gradient of amplitude 1 K.
        QCOMPARE(metricValue(*table, "mean"), QString("0.5"));
        QCOMPARE(metricValue(*table, "max"), QString("1"));
        QCOMPARE(metricValue(*table, "cells"), QString("256"));
        QVERIFY2(m_dock->statusLabel()->text().contains(QRegularExpression(
                     "^testtwin field_summary: answered in [0-9.]+ ms \\(session "
                     "worker started \\(pid [0-9]+\\) in [0-9]+ ms\\)$")),
                 qPrintable(m_dock->statusLabel()->text()));
        QVERIFY(m_dock->answerView()->titleLabel()->text().contains("amplitude 1 K"));

        // The amplitude slider (0..100 K in 1000 steps) to 40 K.
        QSlider* slider = m_dock->sliders()->sliderFor("amplitude");
        QVERIFY(slider);
        const int sentBefore = m_dock->session()->sentCount();
        const quint64 shown = m_dock->shownSerial();
        QElapsedTimer clock;
        clock.start();
        slider->setValue(400);
        QCOMPARE(numberBox("amplitude")->value(), 40.0);
        QVERIFY(waitForAnswerAfter(shown));
        qInfo("slider moved -> answer drawn in %lld ms (debounce 30 ms included); status: %s",
              clock.elapsed(), qPrintable(m_dock->statusLabel()->text()));
        QCOMPARE(m_dock->session()->sentCount(), sentBefore + 1);
        QCOMPARE(metricValue(*table, "mean"), QString("20"));
        QCOMPARE(metricValue(*table, "max"), QString("40"));
        QCOMPARE(table->item(0, 2) ? table->item(0, 2)->text() : QString(), QString());
        QVERIFY(metricValue(*table, "min") == "0");
        QVERIFY(m_dock->statusLabel()->text().contains(
            QRegularExpression("^testtwin field_summary: answered in [0-9.]+ ms$")));
        saveScreenshot(m_dock->grab().toImage(), "explore-metrics");
    }

    void latestRequestWins() {
        openQuery(QStringLiteral("field_summary"));
        // A slow worker: every answer takes 300 ms.
        numberBox("delay")->setValue(300);
        QVERIFY(waitForAnswerAfter(m_dock->shownSerial() - 1));
        QVERIFY(QTest::qWaitFor([&] { return !m_dock->session()->busy(); }, answerTimeoutMs));
        const int sentBefore = m_dock->session()->sentCount();

        // 50 changes, 40 ms apart (longer than the 30 ms debounce, so each one is a request
        // of the dock): 2 s of dragging against 300 ms answers.
        QSlider* slider = m_dock->sliders()->sliderFor("amplitude");
        for (int step = 1; step <= 50; ++step) {
            slider->setValue(step * 10); // 1, 2, ... 50 K
            QTest::qWait(40);
        }
        QCOMPARE(numberBox("amplitude")->value(), 50.0);
        QVERIFY(QTest::qWaitFor([&] { return !m_dock->session()->busy(); }, answerTimeoutMs));
        QTest::qWait(100); // the last answer's signal
        const int sent = m_dock->session()->sentCount() - sentBefore;
        qInfo("50 changes -> %d requests sent, %d replaced while waiting", sent,
              m_dock->session()->supersededCount());
        QVERIFY2(sent <= 12, qPrintable(QString::number(sent)));
        QVERIFY(m_dock->session()->supersededCount() >= 30);
        // The last answer is for the last value: mean of a gradient = amplitude / 2.
        QCOMPARE(
            metricValue(*m_dock->answerView()->page<app::MetricsPage>("metrics_table")->table(),
                        "max"),
            QString("50"));
        QCOMPARE(
            metricValue(*m_dock->answerView()->page<app::MetricsPage>("metrics_table")->table(),
                        "mean"),
            QString("25"));
    }

    void sessionKeepsOnlyTheNewestWaitingRequest() {
        // The session alone, no debounce: 50 requests in one go while the first is answered.
        app::ExploreSession session(QStringLiteral(TWINBENCH_WORKER_EXECUTABLE),
                                    {QStringLiteral(TWINBENCH_TEST_PLUGIN_DIR)});
        QList<app::ExploreAnswer> answers;
        connect(&session, &app::ExploreSession::answered,
                [&](const app::ExploreAnswer& answer) { answers.append(answer); });
        for (int step = 1; step <= 50; ++step) {
            session.request("testtwin", "field_summary", {{"amplitude", step}, {"delay", 50}});
        }
        QVERIFY(QTest::qWaitFor([&] { return !answers.isEmpty() && !session.busy(); },
                                answerTimeoutMs));
        QTest::qWait(200);
        qInfo("50 back-to-back requests -> %d sent, %d replaced", session.sentCount(),
              session.supersededCount());
        QVERIFY(session.sentCount() <= 2);
        QCOMPARE(session.sentCount() + session.supersededCount(), 50);
        QVERIFY2(answers.last().ok, qPrintable(answers.last().error));
        QCOMPARE(answers.last().request.serial, quint64(50));
        QCOMPARE(answers.last().result.value("metrics").toObject().value("max").toDouble(), 50.0);
    }

    void restartsAKilledWorker() {
        openQuery(QStringLiteral("field_summary"));
        const qint64 firstPid = m_dock->session()->workerProcessId();
        QVERIFY(firstPid > 0);
        QCOMPARE(::kill(static_cast<pid_t>(firstPid), SIGKILL), 0);
        QTest::qWait(200);

        const quint64 shown = m_dock->shownSerial();
        numberBox("amplitude")->setValue(7.0);
        QVERIFY(waitForAnswerAfter(shown));
        const QString status = m_dock->statusLabel()->text();
        qInfo("after SIGKILL: %s", qPrintable(status));
        QVERIFY2(status.contains(QRegularExpression(
                     "^testtwin field_summary: answered in [0-9.]+ ms \\(session worker restarted "
                     "\\(pid [0-9]+\\) in [0-9]+ ms: the previous one was killed by signal 9")),
                 qPrintable(status));
        QCOMPARE(
            metricValue(*m_dock->answerView()->page<app::MetricsPage>("metrics_table")->table(),
                        "max"),
            QString("7"));
        QVERIFY(m_dock->session()->workerProcessId() > 0);
        QVERIFY(m_dock->session()->workerProcessId() != firstPid);

        // Killed while answering (a 1 s query): restarted and asked again once.
        const quint64 before = m_dock->shownSerial();
        const qint64 secondPid = m_dock->session()->workerProcessId();
        numberBox("delay")->setValue(1000);
        QVERIFY(QTest::qWaitFor([&] { return m_dock->session()->busy(); }, 2000));
        QTest::qWait(200);
        QCOMPARE(::kill(static_cast<pid_t>(secondPid), SIGKILL), 0);
        QVERIFY(waitForAnswerAfter(before));
        const QString retried = m_dock->statusLabel()->text();
        qInfo("killed during a request: %s", qPrintable(retried));
        QVERIFY2(retried.contains("answered in") &&
                     retried.contains("the previous one was killed by signal 9"),
                 qPrintable(retried));
    }

    void showsTheWorkersErrorVerbatim() {
        openQuery(QStringLiteral("field_cube"));
        const quint64 shown = m_dock->shownSerial();
        QSignalSpy answers(m_dock.get(), &ExploreDock::answerShown);
        qobject_cast<QSpinBox*>(m_dock->form()->editorFor("size"))->setValue(200);
        QVERIFY(answers.wait(answerTimeoutMs));
        QCOMPARE(answers.last().first().toBool(), false);
        QVERIFY(m_dock->shownSerial() > shown);
        QCOMPARE(m_dock->statusLabel()->text(),
                 QString("testtwin field_cube: testtwin query field_cube: argument 'size' is 200: "
                         "a volume answer takes at most 128 cells per side"));
        // The worker lives on and answers the next request.
        qobject_cast<QSpinBox*>(m_dock->form()->editorFor("size"))->setValue(20);
        QVERIFY(answers.wait(answerTimeoutMs));
        QCOMPARE(answers.last().first().toBool(), true);
    }

    void drawsTwoVolumesSideBySide() {
        openQuery(QStringLiteral("field_cube"));
        app::AnswerView* view = m_dock->answerView();
        QCOMPARE(view->shownKind(), QString("volume"));
        viz::VolumeView* requested = view->page<app::VolumePage>("volume")->volumeView(0);
        viz::VolumeView* other = view->page<app::VolumePage>("volume")->volumeView(1);
        QVERIFY(requested->isVisible() && other->isVisible());
        const viz::VolumeGrid& grid = requested->scene().volume();
        QCOMPARE(grid.dims, (std::array<int, 3>{16, 16, 4}));
        // Top layer (scale 1) of the gradient: 0 at (0, 0), the amplitude at the far corner.
        QCOMPARE(grid.at(0, 0, 3), 0.0f);
        QCOMPARE(grid.at(15, 15, 3), 1.0f);
        QCOMPARE(grid.at(15, 15, 1), 0.5f);
        QCOMPARE(other->scene().volume().at(0, 0, 3), 1.0f); // checker: amplitude at (0, 0)
        QCOMPARE(other->scene().volume().at(1, 0, 3), 0.0f);
        QCOMPARE(grid.title, QString("gradient (amplitude 1 K)"));
        QCOMPARE(other->scene().volume().title, QString("checker (amplitude 1 K)"));

        // Dragging: interactive detail at once, full quality 300 ms after the last change.
        QSlider* slider = m_dock->sliders()->sliderFor("amplitude");
        const quint64 shown = m_dock->shownSerial();
        slider->setValue(500); // 50 K
        QVERIFY(waitForAnswerAfter(shown));
        QVERIFY2(m_dock->statusLabel()->text().contains("drawn at interactive detail"),
                 qPrintable(m_dock->statusLabel()->text()));
        QCOMPARE(requested->vtkView().renderWindow()->GetDesiredUpdateRate(), 15.0);
        QCOMPARE(requested->scene().volume().at(15, 15, 3), 50.0f);
        QTest::qWait(400);
        // Values stopped: redrawn at full quality, the status says no more "interactive".
        QVERIFY2(QTest::qWaitFor(
                     [&] { return !m_dock->statusLabel()->text().contains("interactive"); }, 2000),
                 qPrintable(m_dock->statusLabel()->text()));
        QCOMPARE(requested->vtkView().renderWindow()->GetDesiredUpdateRate(), 0.0001);
        // What the level of detail buys: frame times of the on-screen view at both rates.
        const auto frameMs = [&](double rate) {
            requested->vtkView().renderWindow()->SetDesiredUpdateRate(rate);
            QList<double> times;
            for (int frame = 0; frame < 5; ++frame) {
                QSignalSpy rendered(&requested->vtkView(), &viz::VtkView::frameRendered);
                QElapsedTimer clock;
                clock.start();
                requested->vtkView().update();
                if (!rendered.wait(5000)) {
                    return -1.0;
                }
                times.append(static_cast<double>(clock.nsecsElapsed()) / 1e6);
            }
            std::sort(times.begin(), times.end());
            return times[2];
        };
        const double interactiveMs = frameMs(15.0);
        const double stillMs = frameMs(0.0001);
        qInfo("16x16x4 volume view frame, median of 5: %.1f ms interactive, %.1f ms full quality",
              interactiveMs, stillMs);
        QVERIFY(interactiveMs > 0 && stillMs > 0);
        const QImage image = requested->renderToImage(QSize(900, 500));
        saveScreenshot(image, "explore-volume");
        saveScreenshot(m_dock->grab().toImage(), "explore-volume-dock");
        QVERIFY2(colouredPixels(image) > 2000, qPrintable(QString::number(colouredPixels(image))));
    }

    void drawsTracksAndTheirMetrics() {
        openQuery(QStringLiteral("field_track"));
        app::AnswerView* view = m_dock->answerView();
        QCOMPARE(view->shownKind(), QString("tracks"));
        QTableWidget* table = view->page<app::TracksPage>("tracks")->metricsTable();
        QCOMPARE(metricValue(*table, "track points"), QString("16"));
        QCOMPARE(metricValue(*table, "largest value"), QString("1"));
        QVERIFY(view->page<app::TracksPage>("tracks")->mapView()->scene().captionText().contains(
            "Track colour: Field, 0 K"));
        QVERIFY(view->page<app::TracksPage>("tracks")->mapView()->scene().titleText().contains(
            "Diagonal of the gradient field"));
        QTest::qWait(300);
        const QImage image = view->page<app::TracksPage>("tracks")->mapView()->grabFramebuffer();
        saveScreenshot(image, "explore-tracks");
        // The track's far end (value = amplitude) is drawn in viridis' yellow.
        const auto end =
            view->page<app::TracksPage>("tracks")->mapView()->widgetPositionOf({-20.5, 39.6});
        QVERIFY(end);
        const qreal ratio = image.devicePixelRatio();
        bool yellowNearEnd = false;
        for (int dy = -3; dy <= 3 && !yellowNearEnd; ++dy) {
            for (int dx = -3; dx <= 3 && !yellowNearEnd; ++dx) {
                const QColor c = image.pixelColor(qRound((end->x() + dx) * ratio),
                                                  qRound((end->y() + dy) * ratio));
                yellowNearEnd = c.red() > 180 && c.green() > 180 && c.blue() < 100;
            }
        }
        QVERIFY(yellowNearEnd);
    }

    // Double-click on the answer opens it in a central cell of the main window, like the Runs
    // dock's results; with Ctrl in a new cell.
    void doubleClickOpensTheAnswerInACentralCell() {
        openQuery(QStringLiteral("field_track"));
        app::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        connect(m_dock.get(), &ExploreDock::answerActivated, window.runResults(),
                &app::RunResults::openAnswerIn);
        QSignalSpy activated(m_dock.get(), &ExploreDock::answerActivated);
        auto* map = m_dock->answerView()->page<app::TracksPage>("tracks")->mapView();
        QTest::mouseDClick(map, Qt::LeftButton, Qt::NoModifier, map->rect().center());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().at(0).toBool(), false);
        QCOMPARE(activated.first().at(1).toString(), QString("testtwin field_track"));
        QCOMPARE(activated.first().at(2).toString(), QString("tracks"));
        app::Workspace& workspace = *window.workspace();
        QCOMPARE(workspace.views().size(), 1);
        app::ResultView* cell = window.runResults()->resultViewIn(workspace.activeView());
        QVERIFY2(cell != nullptr, "the answer did not open in the central cell");
        QCOMPARE(cell->answerView()->shownKind(), QString("tracks"));
        QCOMPARE(cell->windowTitle(), QString("testtwin field_track"));
        auto* cellMap = cell->answerView()->page<app::TracksPage>("tracks")->mapView();
        QVERIFY2(cellMap->width() > 500,
                 qPrintable(QStringLiteral("%1 px wide").arg(cellMap->width())));
        QTest::qWait(300);
        saveScreenshot(window.grab().toImage(), "explore-answer-in-cell");
        // The same track as the dock draws: viridis' yellow at its far end.
        const QImage image = cellMap->grabFramebuffer();
        const auto end = cellMap->widgetPositionOf({-20.5, 39.6});
        QVERIFY(end);
        bool yellowNearEnd = false;
        for (int dy = -3; dy <= 3 && !yellowNearEnd; ++dy) {
            for (int dx = -3; dx <= 3 && !yellowNearEnd; ++dx) {
                const QColor c =
                    image.pixelColor(qRound((end->x() + dx) * image.devicePixelRatio()),
                                     qRound((end->y() + dy) * image.devicePixelRatio()));
                yellowNearEnd = c.red() > 180 && c.green() > 180 && c.blue() < 100;
            }
        }
        QVERIFY(yellowNearEnd);

        QTest::mouseDClick(map, Qt::LeftButton, Qt::ControlModifier, map->rect().center());
        QCOMPARE(activated.size(), 2);
        QCOMPARE(activated.last().at(0).toBool(), true);
        QCOMPARE(workspace.views().size(), 2);
        QVERIFY(window.runResults()->resultViewIn(workspace.views().at(1)) != nullptr);
    }

    void installedDockAsksNothingUntilShown() {
        qputenv("TWINBENCH_PLUGIN_PATH", TWINBENCH_TEST_PLUGIN_DIR);
        qputenv("TWINBENCH_PLUGIN_PATH_ONLY", "1");
        qputenv("TWINBENCH_WORKER_EXECUTABLE", TWINBENCH_WORKER_EXECUTABLE);
        QMainWindow window;
        window.setCentralWidget(new QWidget(&window));
        ExploreDock* dock = app::installExploreDock(window);
        window.resize(1200, 800);
        window.show();
        QVERIFY(dock->isHidden());
        // The catalog is read in the background; no worker starts while the dock is hidden.
        QVERIFY(QTest::qWaitFor([&] { return dock->moduleBox()->count() > 0; }, 10000));
        QCOMPARE(dock->moduleBox()->currentData().toString(), QString("testtwin"));
        QTest::qWait(200);
        QCOMPARE(dock->session()->sentCount(), 0);
        QCOMPARE(dock->session()->workerProcessId(), 0);
        QSignalSpy shown(dock, &ExploreDock::answerShown);
        dock->show();
        QVERIFY(shown.wait(answerTimeoutMs));
        QCOMPARE(dock->session()->sentCount(), 1);
        QVERIFY(dock->session()->workerProcessId() > 0);
        // field_stats declares no answer kind: its answer is shown as JSON text.
        QCOMPARE(dock->queryBox()->currentData().toString(), QString("field_stats"));
        QVERIFY(dock->answerView()->textView()->toPlainText().contains("\"mean\": 0.5"));
    }

    void drawsAHistogramComparison() {
        openQuery(QStringLiteral("field_histogram"));
        QCOMPARE(m_dock->answerView()->shownKind(), QString("histogram"));
        QVERIFY(m_dock->answerView()->page<app::ComparisonPage>("histogram")->chartView()->chart());
        const viz::ComparisonSpec& spec = m_dock->answerView()
                                              ->page<app::ComparisonPage>("histogram")
                                              ->chartView()
                                              ->chart()
                                              ->spec();
        QCOMPARE(spec.xName, QString("Field"));
        QCOMPARE(spec.generated.label, QString("gradient"));
        QCOMPARE(spec.reference.label, QString("checker"));
        // Checker 16x16: half the cells at 0 K (first bin), half at the amplitude (last bin).
        QCOMPARE(spec.reference.values.front(), 128.0);
        QCOMPARE(spec.reference.values.back(), 128.0);
        double cells = 0;
        for (double count : spec.generated.values) {
            cells += count;
        }
        QCOMPARE(cells, 256.0);
        QVERIFY(spec.title.contains("amplitude 1 K"));
    }
};

int main(int argc, char** argv) {
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    ExploreDockTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "ExploreDockTest.moc"
