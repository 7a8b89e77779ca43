// Results in the workspace's central cells (issue 21 item 1): a tracks result over the
// background its spec names, zoomed to its domain, truth and detected told apart; Ctrl opens
// in a new cell up to four, then replaces the active one; View > Back brings the replaced
// content back. Pixels are checked, and screenshots saved under build/screenshots.
#include "LatLonTestGrid.h"
#include "answers/AnswerView.h"
#include "answers/ResultFigure.h"
#include "results/BackgroundOverlays.h"
#include "results/ResultPointsOverlay.h"
#include "results/ResultTracksOverlay.h"
#include "results/ResultView.h"
#include "results/ResultViewsFixtures.h"
#include "results/RunResults.h"
#include "shell/MainWindow.h"
#include "shell/actions/ViewBackAction.h"
#include "support/ExampleData.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/runs/RunSpec.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "workspace/PropertiesPanel.h"
#include "workspace/UncertaintyPanel.h"
#include "workspace/ViewCell.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray runSpecJson(const QString& module, const QString& action, const QStringList& inputs) {
    runs::RunSpec run = runs::RunSpec::forCurrentBuild(module, action, "local");
    run.inputs = inputs;
    return QJsonDocument(run.toJson()).toJson();
}

// drivers.nc of a generate run: msl (time, lat, lon) on the whole globe every 2 degrees at
// 2017-09-06 00, 06 and 12 UTC, a smooth field in the middle of viridis (no near-black).
void writeGlobalDrivers(const QString& path) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    constexpr std::size_t steps = 3, lats = 91, lons = 180;
    const testing::LatLonTestGrid grid{lats, lons};
    data::NetcdfWriter writer(path.toStdString());
    using Type = data::NetcdfWriter::Type;
    writer.addDimension("time", steps);
    grid.define(writer);
    writer.addVariable("time", Type::Double, {"time"});
    writer.setTextAttribute("time", "units", "hours since 2017-09-06 00:00:00");
    writer.setTextAttribute("time", "calendar", "standard");
    writer.addVariable("msl", Type::Float, {"time", "lat", "lon"});
    writer.setTextAttribute("msl", "units", "Pa");
    writer.setTextAttribute("msl", "long_name", "Mean sea level pressure");
    const std::vector<double> hours{0.0, 6.0, 12.0};
    writer.write("time", {0}, {steps}, hours.data());
    grid.write(writer);
    for (std::size_t t = 0; t < steps; ++t) {
        std::vector<float> msl(lats * lons);
        for (std::size_t j = 0; j < lats; ++j) {
            for (std::size_t i = 0; i < lons; ++i) {
                msl[j * lons + i] = static_cast<float>(
                    101000.0 + 300.0 * std::sin(0.05 * static_cast<double>(i + 7 * t)) +
                    200.0 * std::cos(0.07 * static_cast<double>(j)));
            }
        }
        writer.write("msl", {t, 0, 0}, {1, lats, lons}, msl.data());
    }
    writer.commit();
}

// tracks_comparison.csv of a validate run: a truth track and a detected track through the
// Caribbean (15-24N, 85-62W) at 00, 06 and 12 UTC on 2017-09-06.
QByteArray caribbeanTracks() {
    return "source,track_id,time,lat,lon,wind_ms\n"
           "truth,IRMA,2017-09-06T00:00:00,18.0,-62.0,70\n"
           "truth,IRMA,2017-09-06T06:00:00,19.5,-70.0,68\n"
           "truth,IRMA,2017-09-06T12:00:00,22.0,-78.0,60\n"
           "truth,IRMA,2017-09-06T12:00:00,24.0,-85.0,55\n"
           "detected,1,2017-09-06T00:00:00,15.0,-63.0,40\n"
           "detected,1,2017-09-06T06:00:00,16.5,-71.0,42\n"
           "detected,1,2017-09-06T12:00:00,18.5,-79.0,45\n";
}

QJsonObject comparisonOptions() {
    return {{"id", "track_id"},
            {"group", "source"},
            {"time", "time"},
            {"lat", "lat"},
            {"lon", "lon"},
            {"colour_by", "wind_ms"},
            {"background", QJsonObject{{"from_input", "drivers.nc"}, {"variable", "msl"}}}};
}

bool isCoast(const QColor& c) {
    return c.red() < 40 && c.green() < 40 && c.blue() < 40;
}

bool near(const QColor& c, const QColor& expected, int tolerance = 40) {
    return std::abs(c.red() - expected.red()) < tolerance &&
           std::abs(c.green() - expected.green()) < tolerance &&
           std::abs(c.blue() - expected.blue()) < tolerance;
}

// Pixels of `image` inside the widget rectangle spanned by two lon/lat corners that pass `test`.
int countIn(const QImage& image, const viz::MapView& map, viz::GeoPoint southWest,
            viz::GeoPoint northEast, const std::function<bool(const QColor&)>& test) {
    const auto a = map.widgetPositionOf(southWest);
    const auto b = map.widgetPositionOf(northEast);
    if (!a || !b) {
        return -1;
    }
    const qreal ratio = image.devicePixelRatio();
    const QRect box = QRectF(*a, *b).normalized().toAlignedRect();
    int count = 0;
    for (int y = box.top(); y <= box.bottom(); ++y) {
        for (int x = box.left(); x <= box.right(); ++x) {
            const QPoint pixel(qRound(x * ratio), qRound(y * ratio));
            if (image.rect().contains(pixel) && test(image.pixelColor(pixel))) {
                ++count;
            }
        }
    }
    return count;
}

// The mean colour of a widget's picture, to tell one content from another.
QColor meanColour(const QImage& image) {
    double r = 0, g = 0, b = 0;
    const int step = 4;
    int n = 0;
    for (int y = 0; y < image.height(); y += step) {
        for (int x = 0; x < image.width(); x += step) {
            const QColor c = image.pixelColor(x, y);
            r += c.red();
            g += c.green();
            b += c.blue();
            ++n;
        }
    }
    return QColor(qRound(r / n), qRound(g / n), qRound(b / n));
}

// prob.nc of an infer-like run: p rising from west to east on the whole globe every 2 degrees,
// and its spread p_spread, large (0.3) west of 0 deg and none east of it.
void writeProbabilityWithSpread(const QString& path) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    constexpr std::size_t lats = 91, lons = 180;
    const testing::LatLonTestGrid grid{lats, lons};
    data::NetcdfWriter writer(path.toStdString());
    using Type = data::NetcdfWriter::Type;
    grid.define(writer);
    writer.addVariable("p", Type::Float, {"lat", "lon"});
    writer.setTextAttribute("p", "units", "1");
    writer.addVariable("p_spread", Type::Float, {"lat", "lon"});
    writer.setTextAttribute("p_spread", "units", "1");
    grid.write(writer);
    std::vector<float> p(lats * lons), spread(lats * lons);
    for (std::size_t j = 0; j < lats; ++j) {
        for (std::size_t i = 0; i < lons; ++i) {
            p[j * lons + i] = static_cast<float>(0.2 + 0.6 * static_cast<double>(i) / lons);
            spread[j * lons + i] = grid.lon(i) < 0.0 ? 0.3f : 0.0f;
        }
    }
    writer.write("p", {0, 0}, {lats, lons}, p.data());
    writer.write("p_spread", {0, 0}, {lats, lons}, spread.data());
    writer.commit();
}

// change.nc of a project run: dp (lat, lon), every cell +1, and dp_members (realization, lat,
// lon), five members all +1: robust at a threshold of 0.5, no robust signal at 5. The members
// state variability_threshold = 0.5 (or `stated` as text, a broken file) when `stated` is set.
void writeStatedThresholdChange(const QString& path, const char* stated) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    constexpr std::size_t lats = 46, lons = 90, members = 5;
    const testing::LatLonTestGrid grid{lats, lons, -90.0, -180.0, 4.0};
    data::NetcdfWriter writer(path.toStdString());
    using Type = data::NetcdfWriter::Type;
    writer.addDimension("realization", members);
    grid.define(writer);
    writer.addVariable("dp", Type::Float, {"lat", "lon"});
    writer.addVariable("dp_members", Type::Float, {"realization", "lat", "lon"});
    if (stated != nullptr && std::string(stated) == "0.5") {
        writer.setNumberAttribute("dp_members", "variability_threshold", Type::Double, {0.5});
    } else if (stated != nullptr) {
        writer.setTextAttribute("dp_members", "variability_threshold", stated);
    }
    grid.write(writer);
    const std::vector<float> change(lats * lons, 1.0f), all(members * lats * lons, 1.0f);
    writer.write("dp", {0, 0}, {lats, lons}, change.data());
    writer.write("dp_members", {0, 0, 0}, {members, lats, lons}, all.data());
    writer.commit();
}

// Share of the pixels in the middle of two figures of one size that differ.
double differingShare(const QImage& a, const QImage& b) {
    int differing = 0;
    int count = 0;
    for (int y = a.height() / 3; y < 2 * a.height() / 3; ++y) {
        for (int x = a.width() / 5; x < 3 * a.width() / 5; ++x) {
            differing += a.pixel(x, y) != b.pixel(x, y) ? 1 : 0;
            ++count;
        }
    }
    return static_cast<double>(differing) / count;
}

// Mean HSV saturation (0-255) of the pixels inside the box spanned by two lon/lat corners.
double meanSaturationIn(const QImage& image, const viz::MapView& map, viz::GeoPoint southWest,
                        viz::GeoPoint northEast) {
    double sum = 0.0;
    int count = 0;
    countIn(image, map, southWest, northEast, [&](const QColor& c) {
        sum += c.hsvSaturation();
        ++count;
        return true;
    });
    return count > 0 ? sum / count : -1.0;
}
} // namespace

class ResultCellsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_runs.isValid()); }

    void tracksResultFillsACentralCellZoomedToItsDomain() {
        // validate-run <- track-run <- gen-run: the background is two runs back.
        writeGlobalDrivers(QDir(m_runs.path()).filePath("gen-run/outputs/drivers.nc"));
        writeFile(QDir(m_runs.path()).filePath("gen-run/spec.json"),
                  runSpecJson("cyclone", "generate", {}));
        writeFile(QDir(m_runs.path()).filePath("track-run/spec.json"),
                  runSpecJson("cyclone", "track", {"gen-run"}));
        const QString run = QDir(m_runs.path()).filePath("validate-run");
        writeFile(QDir(run).filePath("outputs/tracks_comparison.csv"), caribbeanTracks());
        writeFile(QDir(run).filePath("spec.json"),
                  runSpecJson("cyclone", "validate", {"track-run"}));

        app::MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        app::Workspace& workspace = *window.workspace();
        QSignalSpy fieldShown(&workspace, &app::Workspace::fieldShown);
        window.runResults()->openResultIn(false, "validate-run", run,
                                          spec("tracks", "validate", "tracks_comparison.csv",
                                               "True vs detected tracks", comparisonOptions()));
        QVERIFY(QTest::qWaitFor([&] { return !fieldShown.isEmpty(); }, drawTimeoutMs));
        QCOMPARE(fieldShown.first().at(1).toString(), QString("msl"));
        viz::MapView* map = workspace.activeMapView();
        QVERIFY(map != nullptr);
        QCOMPARE(workspace.cellWidgetOf(workspace.activeView()), static_cast<QWidget*>(map));
        // It starts at the first step with a track position and names both roles.
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return workspace.pendingWork() == 0 &&
                                map->scene().captionText().contains("truth (1 tracks");
                     },
                     drawTimeoutMs),
                 qPrintable(map->scene().captionText()));
        const QString caption = map->scene().captionText();
        QVERIFY2(caption.contains("cream lines: truth") && caption.contains("red lines: detected"),
                 qPrintable(caption));
        // The cell is the centre of the window, not a side dock.
        QVERIFY2(map->width() > 700 && map->height() > 400,
                 qPrintable(QString("%1x%2").arg(map->width()).arg(map->height())));
        QVERIFY(map->scene().zoomFactor() > 4.0);
        QTest::qWait(400);
        const QImage image = map->grabFramebuffer();
        saveScreenshot(window.grab().toImage(), "result-cell-tracks-on-background");
        // Zoomed to the domain: Australia is off the view, the Caribbean's coasts are drawn.
        for (const viz::GeoPoint point : {viz::GeoPoint{134.0, -25.0}, viz::GeoPoint{115.0, -32.0},
                                          viz::GeoPoint{150.0, -33.0}}) {
            const auto position = map->widgetPositionOf(point);
            QVERIFY(!position || !map->rect().contains(position->toPoint()));
        }
        const int cubaCoast = countIn(image, *map, {-84.0, 19.8}, {-74.5, 23.2}, isCoast);
        const int hispaniolaCoast = countIn(image, *map, {-74.0, 17.7}, {-68.5, 19.9}, isCoast);
        QVERIFY2(cubaCoast > 30 && hispaniolaCoast > 20,
                 qPrintable(QString("%1 %2").arg(cubaCoast).arg(hispaniolaCoast)));
        // The open Atlantic east of the islands has no coast.
        QCOMPARE(countIn(image, *map, {-58.0, 25.0}, {-55.0, 28.0}, isCoast), 0);
        // Truth and detected in their own colours, on their own tracks.
        const QColor truth = app::trackRoleColour(0);
        const QColor detected = app::trackRoleColour(1);
        QVERIFY(colourNear(image, *map->widgetPositionOf({-66.0, 18.75}),
                           [&](const QColor& c) { return near(c, truth); }));
        QVERIFY(colourNear(image, *map->widgetPositionOf({-67.0, 15.75}),
                           [&](const QColor& c) { return near(c, detected); }));
        QVERIFY(!colourNear(image, *map->widgetPositionOf({-67.0, 15.75}),
                            [&](const QColor& c) { return near(c, truth, 25); }));

        // A second cell beside it: the narrower cell is zoomed to the tracks again.
        workspace.setViewCount(2);
        QVERIFY(QTest::qWaitFor([&] { return map->width() < 600; }, drawTimeoutMs));
        QTest::qWait(300);
        for (const viz::GeoPoint end : {viz::GeoPoint{-85.0, 24.0}, viz::GeoPoint{-62.0, 18.0}}) {
            const auto position = map->widgetPositionOf(end);
            QVERIFY(position && map->rect().contains(position->toPoint()));
        }
        saveScreenshot(window.grab().toImage(), "result-cell-tracks-two-cells");
    }

    void overlayOfARemovedCellIsForgotten() {
        // A result over its background in a second cell, then the layout back to one cell:
        // the overlay kept by that cell's view must go with it (a view made later at the same
        // address would otherwise inherit it).
        writeGlobalDrivers(QDir(m_runs.path()).filePath("gen-2/outputs/drivers.nc"));
        writeFile(QDir(m_runs.path()).filePath("gen-2/spec.json"),
                  runSpecJson("cyclone", "generate", {}));
        writeFile(QDir(m_runs.path()).filePath("track-2/spec.json"),
                  runSpecJson("cyclone", "track", {"gen-2"}));
        const QString run = QDir(m_runs.path()).filePath("validate-2");
        writeFile(QDir(run).filePath("outputs/tracks_comparison.csv"), caribbeanTracks());
        writeFile(QDir(run).filePath("spec.json"), runSpecJson("cyclone", "validate", {"track-2"}));

        app::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        app::Workspace& workspace = *window.workspace();
        QSignalSpy fieldShown(&workspace, &app::Workspace::fieldShown);
        window.runResults()->openResultIn(true, "validate-2", run,
                                          spec("tracks", "validate", "tracks_comparison.csv",
                                               "True vs detected tracks", comparisonOptions()));
        QCOMPARE(workspace.views().size(), 2);
        viz::FieldView* second = workspace.views().at(1);
        QVERIFY(QTest::qWaitFor([&] { return !fieldShown.isEmpty(); }, drawTimeoutMs));
        QVERIFY(QTest::qWaitFor([&] { return workspace.pendingWork() == 0; }, drawTimeoutMs));
        QVERIFY(window.runResults()->overlays().drawsOverlayIn(second));
        QCOMPARE(window.runResults()->overlays().overlayCount(), std::size_t(1));
        workspace.setViewCount(1);
        QCOMPARE(window.runResults()->overlays().overlayCount(), std::size_t(0));
        // A new second cell starts empty: no overlay, whatever its address.
        workspace.setViewCount(2);
        QVERIFY(!window.runResults()->overlays().drawsOverlayIn(workspace.views().at(1)));
    }

    void ctrlOpensNewCellsUpToFourThenReplacesAndBackRestores() {
        const QString run = QDir(m_runs.path()).filePath("window-run");
        QVERIFY(QDir().mkpath(QDir(run).filePath("outputs")));
        QVERIFY(QFile::copy(app::ensureExampleDataset(), QDir(run).filePath("outputs/drivers.nc")));
        writeFile(QDir(run).filePath("outputs/metrics.json"),
                  "{\"pod\": 0.9, \"far\": 0.1, \"tracks\": 12}");
        app::MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        app::Workspace& workspace = *window.workspace();
        app::RunResults& results = *window.runResults();

        sdk::ResultSpec map = spec("map", "generate", "drivers.nc", "2 m temperature");
        map.variable = "t2m";
        map.colormap = "magma";
        QSignalSpy fieldShown(&workspace, &app::Workspace::fieldShown);
        // Counted rather than QSignalSpy::wait(), which misses a signal sent before it is called
        // (View > Back can show the field again inside the key press).
        const auto shownMoreThan = [&](qsizetype before) {
            return QTest::qWaitFor([&] { return fieldShown.count() > before; }, drawTimeoutMs);
        };
        results.openResultIn(false, "window-run", run, map);
        QVERIFY(shownMoreThan(0));
        QCOMPARE(workspace.views().size(), 1);
        viz::FieldView* first = workspace.activeView();

        // Ctrl held while the Runs dock's double-click arrives: a new cell.
        const sdk::ResultSpec table =
            spec("metrics_table", "validate", "metrics.json", "Detection scores");
        QTest::keyPress(window.windowHandle(), Qt::Key_Control, Qt::ControlModifier);
        results.openResult("window-run", run, table);
        QTest::keyRelease(window.windowHandle(), Qt::Key_Control, Qt::NoModifier);
        QCOMPARE(workspace.views().size(), 2);
        QVERIFY(workspace.activeView() != first);
        app::ResultView* tableView = results.resultViewIn(workspace.activeView());
        QVERIFY(tableView != nullptr);
        QVERIFY(QTest::qWaitFor([&] { return !tableView->busy(); }, drawTimeoutMs));
        QCOMPARE(tableView->answerView()->shownKind(), QString("metrics_table"));
        // The first cell still shows the field on its map.
        QVERIFY(qobject_cast<viz::MapView*>(workspace.cellWidgetOf(first)) != nullptr);
        QTest::qWait(300);
        saveScreenshot(window.grab().toImage(), "result-cells-ctrl-open");
        const QImage tableCell = tableView->grab().toImage();
        QVERIFY(tableView->width() > 300); // half of the centre, not a narrow dock

        // Two more: four cells; the fifth Ctrl-open replaces the active cell.
        const qsizetype shownBefore = fieldShown.count();
        results.openResultIn(true, "window-run", run, table);
        results.openResultIn(true, "window-run", run, map);
        QCOMPARE(workspace.views().size(), 4);
        QVERIFY(shownMoreThan(shownBefore));
        workspace.setActiveView(first);
        QTest::qWait(300);
        auto* firstMap = qobject_cast<viz::MapView*>(workspace.cellWidgetOf(first));
        QVERIFY(firstMap != nullptr);
        const QImage before = firstMap->grabFramebuffer();
        QAction* back = window.findChild<QAction*>("viewBackAction");
        QVERIFY(back != nullptr);
        QVERIFY(!back->isEnabled());
        results.openResultIn(true, "window-run", run, table);
        QCOMPARE(workspace.views().size(), 4);
        QCOMPARE(workspace.activeView(), first);
        app::ResultView* replaced = results.resultViewIn(first);
        QVERIFY(replaced != nullptr);
        QVERIFY(QTest::qWaitFor([&] { return !replaced->busy(); }, drawTimeoutMs));
        QVERIFY(back->isEnabled());
        QTest::qWait(300);
        saveScreenshot(window.grab().toImage(), "result-cells-four-replaced");

        // View > Back (its shortcut): the field on its map again, drawn as before.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        fieldShown.clear();
        QTest::keyClick(window.windowHandle(), Qt::Key_Left, Qt::AltModifier);
        QVERIFY(shownMoreThan(0));
        QVERIFY(QTest::qWaitFor([&] { return workspace.pendingWork() == 0; }, drawTimeoutMs));
        QCOMPARE(results.resultViewIn(first), nullptr);
        auto* restored = qobject_cast<viz::MapView*>(workspace.cellWidgetOf(first));
        QVERIFY(restored != nullptr);
        QCOMPARE(QString::fromStdString(restored->scene().field()->variable), QString("t2m"));
        QTest::qWait(400);
        const QImage after = restored->grabFramebuffer();
        saveScreenshot(window.grab().toImage(), "result-cells-back");
        const QColor a = meanColour(before), b = meanColour(after), t = meanColour(tableCell);
        QVERIFY2(near(a, b, 6), qPrintable(QString("%1 %2").arg(a.name(), b.name())));
        QVERIFY2(!near(b, t, 6), qPrintable(QString("%1 %2").arg(b.name(), t.name())));
        QVERIFY(!back->isEnabled());
        QVERIFY(!app::ViewBackAction::start(workspace));
    }

    void resultWithoutBackgroundIsDrawnByItsPageInTheCell() {
        const QString run = QDir(m_runs.path()).filePath("lone-run");
        writeFile(QDir(run).filePath("outputs/tracks.csv"), diagonalTrack());
        app::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.runResults()->openResultIn(
            false, "lone-run", run,
            spec("tracks", "track", "tracks.csv", "Detected tracks", trackOptions()));
        app::ResultView* view = window.runResults()->resultViewIn(window.workspace()->activeView());
        QVERIFY(view != nullptr);
        QVERIFY(QTest::qWaitFor([&] { return !view->busy(); }, drawTimeoutMs));
        QCOMPARE(view->answerView()->shownKind(), QString("tracks"));
        QCOMPARE(window.workspace()->cellWidgetOf(window.workspace()->activeView()),
                 static_cast<QWidget*>(view));
    }

    // A map result whose spec names its uncertainty (options.uncertainty_layer) opens with it
    // applied: VSUP fades the colours where the spread is large (west of 0 deg here) and leaves
    // them where it is none; the same result without the option keeps full colour everywhere.
    void mapResultOpensWithTheUncertaintyItsSpecNames() {
        const QString run = QDir(m_runs.path()).filePath("prob-run");
        writeProbabilityWithSpread(QDir(run).filePath("outputs/prob.nc"));
        QJsonObject options{{"x", "lon"}, {"y", "lat"}};
        const auto saturations = [&](const QJsonObject& specOptions, bool encoded) {
            app::MainWindow window;
            window.resize(1200, 800);
            window.show();
            if (!QTest::qWaitForWindowExposed(&window)) {
                return std::pair<double, double>{-1, -1};
            }
            app::Workspace& workspace = *window.workspace();
            sdk::ResultSpec result =
                spec("map", "infer", "prob.nc", "Burned probability", specOptions);
            result.variable = "p";
            result.colormap = "viridis";
            window.runResults()->openResultIn(false, "prob-run", run, result);
            const bool drawn = QTest::qWaitFor(
                [&] {
                    const app::ViewCell* cell = workspace.grid()->activeCell();
                    return workspace.pendingWork() == 0 && workspace.activeMapView() != nullptr &&
                           cell != nullptr && cell->field != nullptr &&
                           (!encoded ||
                            (cell->uncertainty != nullptr &&
                             workspace.properties()->uncertaintyPanel()->statusText().contains(
                                 "VSUP")));
                },
                drawTimeoutMs);
            if (!drawn) {
                qWarning("status: %s",
                         qPrintable(workspace.properties()->uncertaintyPanel()->statusText()));
                return std::pair<double, double>{-1, -1};
            }
            QTest::qWait(400);
            viz::MapView* map = workspace.activeMapView();
            const QImage image = map->grabFramebuffer();
            saveScreenshot(image, encoded ? "result-map-vsup" : "result-map-plain");
            return std::pair<double, double>{
                meanSaturationIn(image, *map, {-150.0, -40.0}, {-30.0, 40.0}),
                meanSaturationIn(image, *map, {30.0, -40.0}, {150.0, 40.0})};
        };
        const auto plain = saturations(options, false);
        options.insert("uncertainty_layer",
                       QJsonObject{{"variable", "p_spread"}, {"encoding", "vsup"}});
        const auto vsup = saturations(options, true);
        qInfo("mean saturation west/east: plain %.0f/%.0f, VSUP %.0f/%.0f", plain.first,
              plain.second, vsup.first, vsup.second);
        QVERIFY(plain.first > 0 && vsup.first > 0);
        QVERIFY2(vsup.first < 0.6 * plain.first, "VSUP did not fade the uncertain west");
        QVERIFY2(std::abs(vsup.second - plain.second) < 0.25 * plain.second,
                 "VSUP changed the certain east");
    }

    // --export-result and reports draw the same result with the same uncertainty: the figure's
    // western half fades under VSUP, its eastern half keeps its colour; an unknown encoding is
    // refused with the result's name.
    void mapResultFigureDrawsTheUncertaintyItsSpecNames() {
        const QString outputs = QDir(m_runs.path()).filePath("prob-figure-run/outputs");
        writeProbabilityWithSpread(QDir(outputs).filePath("prob.nc"));
        QJsonObject options{{"x", "lon"}, {"y", "lat"}};
        const auto render = [&](const QJsonObject& specOptions) {
            sdk::ResultSpec result =
                spec("map", "infer", "prob.nc", "Burned probability", specOptions);
            result.variable = "p";
            result.colormap = "viridis";
            return app::renderResultFigure(result, outputs, QSize(800, 500)).image;
        };
        // Mean saturation in a box given as fractions of the figure (the map spans about
        // 5-78% of its width: 12-35% lies west of 0 deg, 47-70% east of it).
        const auto saturation = [](const QImage& image, double x0, double x1) {
            double sum = 0.0;
            int count = 0;
            for (int y = int(0.35 * image.height()); y < int(0.65 * image.height()); ++y) {
                for (int x = int(x0 * image.width()); x < int(x1 * image.width()); ++x) {
                    sum += image.pixelColor(x, y).hsvSaturation();
                    ++count;
                }
            }
            return sum / count;
        };
        const QImage plain = render(options);
        options.insert("uncertainty_layer",
                       QJsonObject{{"variable", "p_spread"}, {"encoding", "vsup"}});
        const QImage vsup = render(options);
        saveScreenshot(vsup, "result-figure-vsup");
        const double plainWest = saturation(plain, 0.12, 0.35);
        const double plainEast = saturation(plain, 0.47, 0.70);
        const double vsupWest = saturation(vsup, 0.12, 0.35);
        const double vsupEast = saturation(vsup, 0.47, 0.70);
        qInfo("figure mean saturation west/east: plain %.0f/%.0f, VSUP %.0f/%.0f", plainWest,
              plainEast, vsupWest, vsupEast);
        QVERIFY(plainWest > 60 && plainEast > 60);
        QVERIFY2(vsupWest < 0.6 * plainWest, "the figure's VSUP did not fade the uncertain west");
        QVERIFY2(std::abs(vsupEast - plainEast) < 0.25 * plainEast,
                 "the figure's VSUP changed the certain east");
        options.insert("uncertainty_layer",
                       QJsonObject{{"variable", "p_spread"}, {"encoding", "glow"}});
        try {
            render(options);
            QFAIL("an unknown encoding was drawn");
        } catch (const std::exception& error) {
            QVERIFY2(QString(error.what()).contains("'Burned probability'") &&
                         QString(error.what()).contains("'glow'"),
                     error.what());
        }
    }

    // A spec's threshold_attribute takes the hatching threshold from the file the run wrote
    // (wildfire project states its own): at the spec's 5 every cell is hatched (no robust
    // signal), at the file's 0.5 none is; a file without the attribute falls back to the spec's
    // number; an attribute that is not a number is refused naming it.
    void hatchingThresholdComesFromTheRunsFileWhenTheSpecSaysSo() {
        const QString outputs = QDir(m_runs.path()).filePath("change-run/outputs");
        const auto render = [&](const char* stated, bool attribute) {
            writeStatedThresholdChange(QDir(outputs).filePath("change.nc"), stated);
            QJsonObject layer{{"variable", "dp_members"}, {"encoding", "hatch"}, {"threshold", 5}};
            if (attribute) {
                layer.insert("threshold_attribute", "variability_threshold");
            }
            sdk::ResultSpec result = spec("map", "project", "change.nc", "Change",
                                          QJsonObject{{"x", "lon"},
                                                      {"y", "lat"},
                                                      {"range", QJsonArray{0, 2}},
                                                      {"uncertainty_layer", layer}});
            result.variable = "dp";
            return app::renderResultFigure(result, outputs, QSize(800, 500)).image;
        };
        const QImage specNumber = render("0.5", false);
        const QImage fromFile = render("0.5", true);
        const QImage olderFile = render(nullptr, true);
        saveScreenshot(specNumber, "result-figure-hatch-spec-threshold");
        saveScreenshot(fromFile, "result-figure-hatch-stated-threshold");
        const double changed = differingShare(specNumber, fromFile);
        qInfo("hatched at the spec's threshold against the file's: %.1f%% of the map's middle "
              "differs; against a file without the attribute: %.1f%%",
              100.0 * changed, 100.0 * differingShare(specNumber, olderFile));
        QVERIFY2(changed > 0.05, "the file's threshold did not remove the hatching");
        QCOMPARE(differingShare(specNumber, olderFile), 0.0);
        try {
            render("lots", true);
            QFAIL("a threshold attribute that is no number was used");
        } catch (const std::exception& error) {
            QVERIFY2(QString(error.what()).contains("'variability_threshold'") &&
                         QString(error.what()).contains("'dp_members'"),
                     error.what());
        }
    }

private:
    QTemporaryDir m_runs;
};

QTEST_MAIN(ResultCellsTest)
#include "ResultCellsTest.moc"
