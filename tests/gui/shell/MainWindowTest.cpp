// The application shell end to end: a NetCDF file given on the command line is opened in the
// background and drawn colour-mapped with its colour bar (on the data grid when chosen); the
// embedded example opens on a Plate Carree map with coastlines, its land and sea apart (the
// Sahara and the Atlantic in different colours); errors show a dialog naming the path and
// reason and leave the window usable; figures export at any size.
#include "shell/MainWindow.h"

#include "GuiTestSupport.h"
#include "shell/LaunchOptions.h"
#include "shell/actions/ExportFigureAction.h"
#include "shell/actions/ViewLayoutAction.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/VtkVersion.h"
#include "twinbench/widgets/DataBrowser.h"
#include "twinbench/widgets/RecentFiles.h"
#include "workspace/FigureExports.h"
#include "workspace/MapMode.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using twins::app::FigureExports;
using twins::app::MainWindow;
using twins::app::Workspace;

namespace {
// step(lat=30, lon=60): 0 where lon < 90, 1 where lon >= 90; lat -45..45, lon 0..177.
void writeStepFile(const QString& path) {
    using twins::data::NetcdfWriter;
    NetcdfWriter writer(path.toStdString());
    writer.addDimension("lat", 30);
    writer.addDimension("lon", 60);
    writer.addVariable("lat", NetcdfWriter::Type::Double, {"lat"});
    writer.setTextAttribute("lat", "units", "degrees_north");
    writer.addVariable("lon", NetcdfWriter::Type::Double, {"lon"});
    writer.setTextAttribute("lon", "units", "degrees_east");
    writer.addVariable("step", NetcdfWriter::Type::Float, {"lat", "lon"});
    writer.setTextAttribute("step", "units", "1");
    writer.setTextAttribute("step", "long_name", "step function");
    std::vector<double> lat(30);
    std::vector<double> lon(60);
    std::vector<float> values(30 * 60);
    for (int j = 0; j < 30; ++j) {
        lat[j] = -45.0 + 90.0 * j / 29.0;
    }
    for (int i = 0; i < 60; ++i) {
        lon[i] = 3.0 * i;
    }
    for (int j = 0; j < 30; ++j) {
        for (int i = 0; i < 60; ++i) {
            values[j * 60 + i] = lon[i] < 90.0 ? 0.0f : 1.0f;
        }
    }
    writer.write("lat", {0}, {30}, lat.data());
    writer.write("lon", {0}, {60}, lon.data());
    writer.write("step", {0, 0}, {30, 60}, values.data());
    writer.commit();
}

bool waitForIdle(MainWindow& window) {
    return QTest::qWaitFor([&]() { return window.workspace()->pendingWork() == 0; }, 30000);
}
} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;
    QString m_stepPath;
    std::unique_ptr<MainWindow> m_window;

    bool openFromCommandLine(const QStringList& arguments) {
        int exitCode = -1;
        const auto options = twins::app::parseLaunchOptions(
            QStringList{QStringLiteral("twinbench")} + arguments, exitCode);
        if (!options) {
            return false;
        }
        if (options->openExample) {
            m_window->workspace()->openExample();
        }
        m_window->workspace()->openFiles(options->files, options->variable);
        return true;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        m_stepPath = m_directory.filePath("step.nc");
        writeStepFile(m_stepPath);
    }

    void init() {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void opensFileFromCommandLineAndRendersIt() {
        // The data grid chosen (Properties > Projection): the field's own axes, no map.
        m_window->workspace()->maps().setProjectionOfActiveView(QString());
        QSignalSpy frames(m_window->workspace(), &Workspace::fieldFrameRendered);
        QVERIFY(openFromCommandLine({m_stepPath, "--variable", "step"}));
        QVERIFY(frames.wait(20000));
        twins::viz::FieldView* view = m_window->workspace()->activeView();
        QVERIFY(view->field() != nullptr);
        QCOMPARE(QString::fromStdString(view->field()->variable), QString("step"));
        const QImage frame = view->grabFramebuffer();
        const twins::viz::ColorMap viridis = twins::viz::ColorMap::named("viridis");
        const QPointF low = view->widgetPositionOf(30.0, 0.0);
        const QPointF high = view->widgetPositionOf(150.0, 0.0);
        TB_VERIFY_COLOUR(frame, qRound(low.x()), qRound(low.y()), viridis.colorAt(0.0), 3);
        TB_VERIFY_COLOUR(frame, qRound(high.x()), qRound(high.y()), viridis.colorAt(1.0), 3);
        // Left of the field: the white background.
        TB_VERIFY_COLOUR(frame, 2, frame.height() / 2, QColor(Qt::white), 3);
        // The colour bar, right of the field, shows both ends of the map. VTK's bar samples
        // the table in 64 bins, so its ends are the colours at 1/128 from each end.
        const int fieldRight = qRound(view->widgetPositionOf(177.0 + 1.5, 0.0).x()) + 3;
        bool barLow = false;
        bool barHigh = false;
        for (int x = fieldRight; x < frame.width(); ++x) {
            for (int y = 0; y < frame.height(); ++y) {
                barLow = barLow ||
                         twins::testing::colourNear(frame, x, y, viridis.colorAt(1.0 / 128), 4);
                barHigh = barHigh ||
                          twins::testing::colourNear(frame, x, y, viridis.colorAt(127.0 / 128), 4);
            }
        }
        if (!(barLow && barHigh)) {
            frame.save(TWINBENCH_BINARY_DIR "/screenshots/failed-colour-bar.png");
        }
        QVERIFY2(barLow && barHigh, "colour bar not found right of the field");
        // Title text (dark pixels) in the top band.
        int darkPixels = 0;
        for (int y = 0; y < frame.height() / 12; ++y) {
            for (int x = 0; x < frame.width() / 2; ++x) {
                darkPixels += frame.pixelColor(x, y).lightness() < 100 ? 1 : 0;
            }
        }
        QVERIFY2(darkPixels > 50, qPrintable(QString("only %1 title pixels").arg(darkPixels)));
        // Recent files remember it; the Data dock lists it.
        QVERIFY(twins::widgets::RecentFiles::load().contains(m_stepPath));
        QVERIFY(m_window->workspace()->dataBrowser()->filePaths().contains(m_stepPath));
        // Value under the cursor names coordinates, value and units.
        const QString cursor = view->describePosition(high);
        QVERIFY2(cursor.contains("lat") && cursor.contains(": 1 1"), qPrintable(cursor));
    }

    void missingFileShowsErrorAndStaysUsable() {
        const QString missing = m_directory.filePath("does-not-exist.nc");
        QSignalSpy errors(m_window.get(), &MainWindow::errorShown);
        m_window->workspace()->openFiles({missing});
        QVERIFY(errors.wait(10000));
        QMessageBox* dialog = m_window->errorDialog();
        QVERIFY(dialog != nullptr);
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->text().contains(missing), qPrintable(dialog->text()));
        QVERIFY2(dialog->informativeText().contains("does not exist"),
                 qPrintable(dialog->informativeText()));
        dialog->close();
        // Still usable: a good file opens and renders afterwards.
        QSignalSpy frames(m_window->workspace(), &Workspace::fieldFrameRendered);
        m_window->workspace()->openFiles({m_stepPath});
        QVERIFY(frames.wait(20000));
        QVERIFY(m_window->workspace()->activeView()->field() != nullptr);
    }

    void corruptFileShowsReason() {
        const QString corrupt = m_directory.filePath("corrupt.nc");
        QFile file(corrupt);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("CDF\x01 this is not really a netCDF file", 37));
        file.close();
        QSignalSpy errors(m_window.get(), &MainWindow::errorShown);
        m_window->workspace()->openFiles({corrupt});
        QVERIFY(errors.wait(10000));
        QMessageBox* dialog = m_window->errorDialog();
        QVERIFY(dialog != nullptr);
        QVERIFY(dialog->text().contains(corrupt));
        QVERIFY2(!dialog->informativeText().isEmpty(), "the reason must be given");
        QVERIFY(!twins::widgets::RecentFiles::load().contains(corrupt));
        dialog->close();
        QVERIFY(waitForIdle(*m_window));
    }

    void unknownVariableIsExplained() {
        QSignalSpy errors(m_window.get(), &MainWindow::errorShown);
        QVERIFY(openFromCommandLine({m_stepPath, "--variable", "nope"}));
        QVERIFY(errors.wait(10000));
        QVERIFY(m_window->errorDialog()->text().contains("nope"));
        m_window->errorDialog()->close();
    }

    void exampleDatasetOpensAndExportsFigure() {
        QSignalSpy frames(m_window->workspace(), &Workspace::fieldFrameRendered);
        QVERIFY(openFromCommandLine({"--example"}));
        QVERIFY(frames.wait(60000));
        twins::viz::FieldView* view = m_window->workspace()->activeView();
        QCOMPARE(QString::fromStdString(view->field()->variable), QString("t2m"));
        QCOMPARE(view->field()->width, std::size_t(1440));
        QCOMPARE(view->field()->height, std::size_t(721));
        // The example's 0..360 longitudes are shown as -180..180 (LongitudeView).
        QCOMPARE(view->field()->x.front(), -180.0);
        // A longitude/latitude field opens on Plate Carree with coastlines, not the data grid.
        QCOMPARE(m_window->workspace()->projectionBox()->currentData().toString(),
                 QStringLiteral("plate-carree"));
        // Shown by its name, not its id.
        QCOMPARE(m_window->workspace()->projectionBox()->currentText(),
                 QStringLiteral("Plate Carr\u00e9e"));
        twins::viz::MapView* map = m_window->workspace()->activeMapView();
        QVERIFY2(map != nullptr, "the example did not open on a map");
        QTRY_VERIFY_WITH_TIMEOUT(map->isVisible(), 5000);
        const QImage frame = map->grabFramebuffer();
        QDir().mkpath(TWINBENCH_BINARY_DIR "/screenshots");
        frame.save(TWINBENCH_BINARY_DIR "/screenshots/example-plate-carree.png");
        auto luminance = [](QColor c) {
            return 0.2126 * c.red() + 0.7152 * c.green() + 0.0722 * c.blue();
        };
        // Mean luminance of the field's pixels in a lon/lat box (coastline and graticule
        // pixels, near-black or grey, left out).
        auto boxLuminance = [&](double west, double east, double south, double north) {
            double sum = 0.0;
            int count = 0;
            for (double lon = west; lon <= east; lon += 1.0) {
                for (double lat = south; lat <= north; lat += 1.0) {
                    const auto at = map->widgetPositionOf({lon, lat});
                    if (!at) {
                        continue;
                    }
                    const QColor c = frame.pixelColor((*at * frame.devicePixelRatio()).toPoint());
                    if (std::max({c.red(), c.green(), c.blue()}) -
                            std::min({c.red(), c.green(), c.blue()}) <
                        25) {
                        continue;
                    }
                    sum += luminance(c);
                    ++count;
                }
            }
            return count > 0 ? sum / count : -1.0;
        };
        // Warm tropics, cold Arctic: viridis's luminance rises with the value.
        const double tropics = boxLuminance(-20.0, 20.0, -8.0, 8.0);
        const double arctic = boxLuminance(-20.0, 20.0, 78.0, 86.0);
        QVERIFY2(tropics > arctic + 60,
                 qPrintable(QStringLiteral("tropics %1, Arctic %2").arg(tropics).arg(arctic)));
        // Geography: at 00 UTC in January the Sahara (land, before dawn) is far colder than
        // the Atlantic at the same latitudes.
        const double sahara = boxLuminance(0.0, 25.0, 18.0, 28.0);
        const double atlantic = boxLuminance(-50.0, -30.0, 18.0, 28.0);
        QVERIFY2(sahara >= 0.0 && atlantic > sahara + 12,
                 qPrintable(QStringLiteral("Sahara %1, Atlantic %2").arg(sahara).arg(atlantic)));
        // The file carries its land-sea mask.
        const auto example =
            m_window->workspace()->dataset(QString::fromStdString(view->field()->path));
        QVERIFY(example != nullptr);
        QVERIFY(example->findVariable("lsm") != nullptr);

        // Screenshot for the README, produced by the test suite.
        QDir().mkpath(TWINBENCH_BINARY_DIR "/screenshots");
        QVERIFY(m_window->grab().save(TWINBENCH_BINARY_DIR "/screenshots/twinbench-main.png"));

        const QString figure = m_directory.filePath("figure.png");
        QSignalSpy exported(&m_window->workspace()->figures(), &FigureExports::figureExported);
        twins::app::ExportFigureAction::start(*m_window->workspace(), figure, QSize(1920, 1080));
        QVERIFY(exported.wait(20000));
        QCOMPARE(exported.first().at(1).toBool(), true);
        const QImage image(figure);
        QCOMPARE(image.size(), QSize(1920, 1080));
        QVERIFY(image.pixelColor(960, 540) != QColor(Qt::white));
    }

    void exportToUnwritablePlaceFails() {
        QSignalSpy frames(m_window->workspace(), &Workspace::fieldFrameRendered);
        m_window->workspace()->openFiles({m_stepPath});
        QVERIFY(frames.wait(20000));
        QSignalSpy exported(&m_window->workspace()->figures(), &FigureExports::figureExported);
        twins::app::ExportFigureAction::start(*m_window->workspace(),
                                              "/nonexistent-directory/figure.png", QSize(800, 600));
        QVERIFY(exported.wait(20000));
        QCOMPARE(exported.first().at(1).toBool(), false);
        QVERIFY(m_window->errorDialog() != nullptr);
        QVERIFY(m_window->errorDialog()->text().contains("/nonexistent-directory/figure.png"));
        m_window->errorDialog()->close();
    }

    void exampleOnARobinsonMapHasCoastlinesAndExports() {
        QSignalSpy shown(m_window->workspace(), &Workspace::fieldFrameRendered);
        QVERIFY(openFromCommandLine({"--example"}));
        QVERIFY(shown.wait(60000));
        QVERIFY(m_window->workspace()->activeView()->field() != nullptr);
        QComboBox* projection = m_window->workspace()->projectionBox();
        QVERIFY(projection != nullptr);
        projection->setCurrentIndex(projection->findData("robinson"));
        twins::viz::MapView* map = m_window->workspace()->activeMapView();
        QVERIFY2(map != nullptr, "choosing a projection did not switch the view to a map");
        QTRY_VERIFY_WITH_TIMEOUT(map->isVisible(), 5000);
        QSignalSpy frames(map, &twins::viz::VtkView::frameRendered);
        map->update();
        QVERIFY(frames.wait(20000));
        const QImage frame = map->grabFramebuffer();
        // A few degrees off the 0-degree meridian and the equator, which the graticule draws
        // in grey over the field.
        const auto equator = map->widgetPositionOf({4.0, 4.0});
        const auto arctic = map->widgetPositionOf({4.0, 80.0});
        QVERIFY(equator && arctic);
        auto luminance = [](QColor c) {
            return 0.2126 * c.red() + 0.7152 * c.green() + 0.0722 * c.blue();
        };
        const QColor warm = frame.pixelColor(equator->toPoint() * frame.devicePixelRatio());
        const QColor cold = frame.pixelColor(arctic->toPoint() * frame.devicePixelRatio());
        QVERIFY2(luminance(warm) > luminance(cold) + 60,
                 qPrintable(warm.name() + " vs " + cold.name()));
        // Coastlines are drawn in near-black over the colour-mapped field; the data-grid view of
        // the same field has no such pixels (viridis' darkest colour is a purple).
        int dark = 0;
        for (int y = 0; y < frame.height(); y += 2) {
            for (int x = 0; x < frame.width(); x += 2) {
                const QColor c = frame.pixelColor(x, y);
                dark += c.red() < 40 && c.green() < 40 && c.blue() < 40;
            }
        }
        QVERIFY2(dark > 300, qPrintable(QString("%1 coastline pixels").arg(dark)));
        QDir().mkpath(TWINBENCH_BINARY_DIR "/screenshots");
        frame.save(TWINBENCH_BINARY_DIR "/screenshots/twinbench-robinson.png");

        // Export renders the map, and going back to the data grid restores the FieldView.
        QTemporaryDir directory;
        QSignalSpy exported(&m_window->workspace()->figures(), &FigureExports::figureExported);
        twins::app::ExportFigureAction::start(*m_window->workspace(), directory.filePath("map.png"),
                                              QSize(1200, 700));
        QVERIFY(exported.wait(20000));
        QVERIFY(exported.first().at(1).toBool());
        QCOMPARE(QImage(directory.filePath("map.png")).size(), QSize(1200, 700));
        projection->setCurrentIndex(0);
        QVERIFY(m_window->workspace()->activeMapView() == nullptr);
        QTRY_VERIFY(m_window->workspace()->activeView()->isVisible());
    }

    void fileMenuOffersZarrStores() {
        // A Zarr store is a directory, which File > Open's file dialog cannot choose.
        auto* action = m_window->findChild<QAction*>("openZarrStoreAction");
        QVERIFY2(action != nullptr, "File menu has no 'Open Zarr Store...' action");
        QVERIFY(action->isEnabled());
        QVERIFY2(action->text().contains("Zarr"), qPrintable(action->text()));
    }

    void splitsIntoSeveralViews() {
        twins::app::ViewLayoutAction::start(*m_window->workspace(), 2);
        QCOMPARE(m_window->workspace()->views().size(), 2);
        twins::app::ViewLayoutAction::start(*m_window->workspace(), 4);
        QCOMPARE(m_window->workspace()->views().size(), 4);
        twins::app::ViewLayoutAction::start(*m_window->workspace(), 1);
        QCOMPARE(m_window->workspace()->views().size(), 1);
    }
};

int main(int argc, char** argv) {
    // A fresh settings and data home for every run: the example dataset and recent files of an
    // earlier run must not leak into this one.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath("config").toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath("data").toUtf8());
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TwinbenchTests"));
    QCoreApplication::setApplicationName(QStringLiteral("twinbench-tests"));
    twins::widgets::RecentFiles::clear();
    MainWindowTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "MainWindowTest.moc"
