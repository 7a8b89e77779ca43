// The data layer in the main window: Zarr stores, GeoTIFFs and NetCDF files with nested groups
// open and render; the time slider steps through a noleap file, re-drawing each step and
// naming its decoded date in the status bar; 0..360 longitudes are drawn as -180..180 and
// descending latitudes north-up. Input files come from Debian's /usr/bin/python3
// (DataGuiFiles.py), so the GUI is tested on what other tools write.
#include "GuiTestSupport.h"
#include "shell/MainWindow.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/VtkVersion.h"
#include "twinbench/widgets/DataBrowser.h"
#include "twinbench/widgets/RecentFiles.h"
#include "twinbench/widgets/TimeSlider.h"
#include "workspace/MapMode.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using twins::app::MainWindow;
using twins::app::Workspace;
using twins::viz::ColorMap;
using twins::viz::FieldView;

namespace {

bool waitForIdle(MainWindow& window) {
    return QTest::qWaitFor([&]() { return window.workspace()->pendingWork() == 0; }, 30000);
}

QString screenshotPath(const QString& name) {
    QDir().mkpath(TWINBENCH_BINARY_DIR "/screenshots");
    return QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots/") + name;
}

} // namespace

class DataGuiTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;
    std::unique_ptr<MainWindow> m_window;
    const ColorMap m_viridis = ColorMap::named("viridis");

    QString file(const char* name) const { return m_directory.filePath(QString::fromLatin1(name)); }

    // Opens a file as File > Open does and waits for its first frame.
    bool openAndRender(const QString& path, const QString& variable = {}) {
        QSignalSpy frames(m_window->workspace(), &Workspace::fieldFrameRendered);
        QSignalSpy errors(m_window.get(), &MainWindow::errorShown);
        m_window->workspace()->openFiles({path}, variable);
        if (!frames.wait(30000)) {
            qWarning(
                "%s: no frame rendered; errors: %s", qPrintable(path),
                qPrintable(errors.isEmpty() ? QString("none") : errors.first().at(1).toString()));
            return false;
        }
        return waitForIdle(*m_window);
    }

    // Verifies the colour at data coordinate (x, y) is viridis at `fraction` of the range.
    void verifyColourAt(double x, double y, double fraction, const QString& screenshot) {
        FieldView* view = m_window->workspace()->activeView();
        const QImage frame = view->grabFramebuffer();
        const QPointF position = view->widgetPositionOf(x, y);
        QString description;
        const bool near =
            twins::testing::colourNear(frame, qRound(position.x()), qRound(position.y()),
                                       m_viridis.colorAt(fraction), 3, &description);
        if (!near) {
            frame.save(screenshotPath(screenshot));
        }
        QVERIFY2(
            near,
            qPrintable(QStringLiteral("%1 at data (%2, %3), expected viridis(%4): %5; "
                                      "frame saved as %6")
                           .arg(m_window->workspace()->activeView()->field()
                                    ? QString::fromStdString(
                                          m_window->workspace()->activeView()->field()->variable)
                                    : QString("no field"))
                           .arg(x)
                           .arg(y)
                           .arg(fraction)
                           .arg(description, screenshotPath(screenshot))));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        QProcess python;
        python.start("/usr/bin/python3",
                     {QStringLiteral(TWINBENCH_SOURCE_DIR "/tests/gui/DataGuiFiles.py"),
                      m_directory.path()});
        QVERIFY2(python.waitForFinished(120000), "DataGuiFiles.py did not finish in 120 s");
        QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0,
                 qPrintable("DataGuiFiles.py failed: " +
                            QString::fromUtf8(python.readAllStandardError())));
    }

    void init() {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        // These checks read colours at data coordinates of the field's own grid: the data grid
        // is chosen (Properties > Projection), as longitude/latitude fields open on a map.
        m_window->workspace()->maps().setProjectionOfActiveView(QString());
    }

    void cleanup() { m_window.reset(); }

    void nestedGroupVariableIsListedAndShown() {
        const QString path = file("groups.nc");
        QVERIFY(openAndRender(path));
        twins::widgets::DataBrowser* browser = m_window->workspace()->dataBrowser();
        QVERIFY2(browser->groupItem(path, "/forecast") != nullptr, "group /forecast not listed");
        QTreeWidgetItem* surface = browser->groupItem(path, "/forecast/surface");
        QVERIFY2(surface != nullptr, "nested group /forecast/surface not listed");
        QCOMPARE(surface->parent(), browser->groupItem(path, "/forecast"));
        QTreeWidgetItem* t2m = browser->variableItem(path, "/forecast/surface/t2m");
        QVERIFY2(t2m != nullptr, "variable /forecast/surface/t2m not listed");
        QCOMPARE(t2m->parent(), surface);
        QCOMPARE(t2m->text(1), QString("lat=20, lon=40  float"));
        QCOMPARE(t2m->text(2), QString("K"));
        QVERIFY2(browser->currentItem() == t2m, "the shown variable is not selected");
        // Attributes of the group and of the variable are listed under them.
        QVERIFY(!browser->findItems(":source", Qt::MatchRecursive).isEmpty());
        QVERIFY(!browser->findItems("long_name", Qt::MatchRecursive).isEmpty());
        // The only map in the file is the group's: 250 K west of 90 E, 300 K east of it.
        FieldView* view = m_window->workspace()->activeView();
        QCOMPARE(QString::fromStdString(view->field()->variable), QString("t2m"));
        verifyColourAt(40.0, 0.0, 0.0, "failed-groups.png");
        verifyColourAt(140.0, 0.0, 1.0, "failed-groups.png");
        QVERIFY(m_window->workspace()->timeSlider()->isHidden());
        QVERIFY(m_window->grab().save(screenshotPath("data-gui-groups.png")));
    }

    void zarrStoreOpensAsDirectory() {
        const QString path = file("store.zarr");
        QVERIFY(openAndRender(path));
        QCOMPARE(QString::fromStdString(m_window->workspace()->activeView()->field()->variable),
                 QString("height"));
        verifyColourAt(5.0, 8.0, 0.0, "failed-zarr.png");
        verifyColourAt(25.0, 8.0, 1.0, "failed-zarr.png");
        QVERIFY(m_window->workspace()->dataBrowser()->filePaths().contains(path));
        QVERIFY(m_window->grab().save(screenshotPath("data-gui-zarr.png")));
    }

    void geotiffIsDrawnNorthUp() {
        QVERIFY(openAndRender(file("dem.tif")));
        FieldView* view = m_window->workspace()->activeView();
        const twins::data::FieldSlice* field = view->field();
        QCOMPARE(field->width, std::size_t(24));
        QCOMPARE(field->height, std::size_t(16));
        // Pixel centres: x from 10.25 east, y from 49.75 south to 42.25; the northern half
        // holds 1, so it must be drawn on top.
        verifyColourAt(16.0, 48.0, 1.0, "failed-geotiff.png");
        verifyColourAt(16.0, 44.0, 0.0, "failed-geotiff.png");
        QVERIFY(view->widgetPositionOf(16.0, 48.0).y() < view->widgetPositionOf(16.0, 44.0).y());
        // A raster's band is a dimension beyond the map: one slider position per band.
        QVERIFY(m_window->workspace()->timeSlider()->isVisible());
        QCOMPARE(m_window->workspace()->timeSlider()->labelText("band"), QString("band 1 of 1: 1"));
        QTest::qWait(100); // let the docks' layouts settle before the screenshot
        QVERIFY(m_window->grab().save(screenshotPath("data-gui-geotiff.png")));
    }

    void timeSliderStepsThroughNoleapDates() {
        QVERIFY(openAndRender(file("noleap.nc")));
        twins::widgets::TimeSlider* slider = m_window->workspace()->timeSlider();
        QVERIFY2(slider->isVisible(), "no time slider for a (time, lat, lon) variable");
        QCOMPARE(slider->dimensions().size(), std::size_t(1));
        QCOMPARE(slider->labelText("time"), QString("time 1 of 4: 2016-02-28 12:00 (noleap)"));
        // Step 0: the block of ones covers lon -80..-44; lon -60 is bright, lon -20 dark.
        verifyColourAt(-60.0, 0.0, 1.0, "failed-time-0.png");
        verifyColourAt(-20.0, 0.0, 0.0, "failed-time-0.png");

        QSignalSpy frames(m_window->workspace(), &Workspace::fieldFrameRendered);
        QVERIFY(slider->step("time", +1));
        QVERIFY(frames.wait(20000));
        QVERIFY(waitForIdle(*m_window));
        // No 29 February in noleap: 36 h after 2016-02-28 00:00 is 1 March 12:00.
        QCOMPARE(slider->labelText("time"), QString("time 2 of 4: 2016-03-01 12:00 (noleap)"));
        verifyColourAt(-60.0, 0.0, 0.0, "failed-time-1.png");
        verifyColourAt(-20.0, 0.0, 1.0, "failed-time-1.png");

        // The status bar names value, units, position and the decoded date under the cursor.
        FieldView* view = m_window->workspace()->activeView();
        const QPoint over = view->widgetPositionOf(-20.0, 0.0).toPoint();
        QTest::mouseMove(view, over);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->workspace()->cursorText().isEmpty(), 5000);
        const QString status = m_window->workspace()->cursorText();
        QVERIFY2(status.contains("1 kg m-3") && status.contains("lon -2") &&
                     status.contains("lat ") && status.contains("2016-03-01 12:00 (noleap)"),
                 qPrintable("status bar text: " + status));

        // Several steps in a row: whatever order the reads finish in, the last one is shown.
        for (std::size_t index : {2u, 0u, 3u}) {
            QVERIFY(slider->setIndex("time", index));
        }
        QVERIFY(waitForIdle(*m_window));
        QTest::qWait(200);
        const twins::data::FieldSlice* field = view->field();
        QCOMPARE(field->fixedIndices.size(), std::size_t(1));
        QCOMPARE(field->fixedIndices[0].second, std::size_t(3));
        QCOMPARE(view->sliceLabel(), QString("time 2016-03-03 12:00 (noleap)"));
        // The cursor did not move: the status bar follows the new step anyway (once the frame is
        // drawn, which on a loaded machine may come after the 200 ms above).
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_window->workspace()->cursorText().contains("2016-03-03 12:00 (noleap)") &&
                m_window->workspace()->cursorText().contains(": 0 kg m-3"),
            qPrintable("status bar text after stepping: " + m_window->workspace()->cursorText()),
            5000);
        // Step 3: lon 40..76 bright.
        verifyColourAt(60.0, 0.0, 1.0, "failed-time-3.png");
        verifyColourAt(-60.0, 0.0, 0.0, "failed-time-3.png");
        QVERIFY(m_window->grab().save(screenshotPath("data-gui-time-slider.png")));
    }

    void longitudes0To360AreShownFromMinus180() {
        QVERIFY(openAndRender(file("lon360.nc")));
        FieldView* view = m_window->workspace()->activeView();
        const twins::data::FieldSlice* field = view->field();
        QCOMPARE(field->x.front(), -180.0);
        QCOMPARE(field->x.back(), 170.0);
        QCOMPARE(field->y.front(), -55.0);
        // The westernmost data (source lon 180, value 1) at the left edge of the field...
        const QPointF leftEdge = view->widgetPositionOf(-180.0, 0.0);
        const QPointF rightEdge = view->widgetPositionOf(170.0, 0.0);
        QVERIFY(leftEdge.x() < rightEdge.x());
        verifyColourAt(-180.0, 0.0, 1.0, "failed-lon360.png");
        verifyColourAt(-10.0, -50.0, 1.0, "failed-lon360.png");
        // ...lon 0..170 east of it, and the northern band (0.5) on top: north-up.
        verifyColourAt(10.0, 0.0, 0.0, "failed-lon360.png");
        verifyColourAt(90.0, 50.0, 0.5, "failed-lon360.png");
        verifyColourAt(90.0, -50.0, 0.0, "failed-lon360.png");
        QVERIFY(view->widgetPositionOf(90.0, 50.0).y() < view->widgetPositionOf(90.0, -50.0).y());
        QTest::qWait(100); // let the docks' layouts settle before the screenshot
        QVERIFY(m_window->grab().save(screenshotPath("data-gui-lon360.png")));
    }

    // The scripted first frame of a file with nothing to draw ends with exit 1 and the reason
    // instead of waiting forever; neither the GUI nor the worker print HDF5's diagnostic stack.
    void nothingToDrawEndsTheScriptedFirstFrame() {
        const QString path = file("only-1d.nc");
        {
            twins::data::NetcdfWriter writer(path.toStdString());
            writer.addDimension("x", 3);
            writer.addVariable("v", twins::data::NetcdfWriter::Type::Double, {"x"});
            const std::vector<double> values{1, 2, 3};
            writer.write("v", {0}, {3}, values.data());
            writer.commit();
        }
        QProcess gui;
        gui.start(QStringLiteral(TWINBENCH_GUI_EXECUTABLE), {path, "--exit-after-first-frame"});
        QVERIFY(gui.waitForFinished(60000));
        const QByteArray errors = gui.readAllStandardError();
        QCOMPARE(gui.exitCode(), 1);
        QVERIFY2(errors.contains("nothing to draw in " + path.toUtf8()), errors.constData());
        QVERIFY2(!errors.contains("HDF5-DIAG"), errors.constData());
        QProcess worker;
        worker.start(QStringLiteral(TWINBENCH_WORKER_EXECUTABLE), {"inspect", path});
        QVERIFY(worker.waitForFinished(60000));
        QCOMPARE(worker.exitCode(), 0);
        const QByteArray workerErrors = worker.readAllStandardError();
        QVERIFY2(!workerErrors.contains("HDF5-DIAG"), workerErrors.constData());
    }
};

int main(int argc, char** argv) {
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath("config").toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath("data").toUtf8());
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("TwinbenchTests"));
    QCoreApplication::setApplicationName(QStringLiteral("twinbench-data-gui-tests"));
    twins::widgets::RecentFiles::clear();
    DataGuiTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "DataGuiTest.moc"
