// The main window's linked layouts and uncertainty encodings, checked on rendered pixels:
// 2x2 with Link Views on, one time step changes all four cells; the layout exports to a PNG
// far larger than the window; VSUP and hatching chosen in the Properties dock show in the map's
// pixels; a second variable on another grid is refused with both shapes named; an animation
// exported from the window encodes off the GUI thread (the event loop keeps running).
#include "AnimationTestFile.h"
#include "FigureTestFiles.h"
#include "GuiTestSupport.h"
#include "UncertaintyTestFields.h"
#include "export/AnimationExport.h"
#include "shell/MainWindow.h"
#include "shell/actions/ExportAnimationAction.h"
#include "shell/actions/ExportLayoutAction.h"
#include "shell/actions/LinkViewsAction.h"
#include "shell/actions/ViewLayoutAction.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/Vsup.h"
#include "twinbench/viz/VtkVersion.h"
#include "twinbench/widgets/TimeSlider.h"
#include "workspace/AnimationExports.h"
#include "workspace/FigureExports.h"
#include "workspace/LinkedViews.h"
#include "workspace/UncertaintyController.h"
#include "workspace/UncertaintyPanel.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QImage>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using twins::app::AnimationExports;
using twins::app::FigureExports;
using twins::app::MainWindow;
using twins::app::UncertaintyController;
using twins::app::Workspace;

namespace {
int changedPixels(const QImage& a, const QImage& b) {
    int changed = 0;
    for (int y = 0; y < std::min(a.height(), b.height()); ++y) {
        for (int x = 0; x < std::min(a.width(), b.width()); ++x) {
            changed += a.pixel(x, y) != b.pixel(x, y) ? 1 : 0;
        }
    }
    return changed;
}

int darkPixelsAround(const QImage& image, QPoint centre, int radius) {
    int count = 0;
    for (int dy = -radius; dy <= radius; ++dy) {
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint p = centre + QPoint(dx, dy);
            if (image.rect().contains(p)) {
                const QColor c = image.pixelColor(p);
                count += c.red() < 70 && c.green() < 70 && c.blue() < 70 ? 1 : 0;
            }
        }
    }
    return count;
}

void saveScreenshot(const QImage& image, const QString& name) {
    QDir().mkpath(QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots"));
    image.save(QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots/") + name);
}
} // namespace

class LayoutExportTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;
    QString m_animationPath;
    QString m_uncertaintyPath;
    std::unique_ptr<MainWindow> m_window;

    bool waitIdle(int timeoutMs = 20000) {
        QElapsedTimer timer;
        timer.start();
        // Reads finish, then their frames are drawn.
        while (timer.elapsed() < timeoutMs) {
            QTest::qWait(50);
            if (m_window->workspace()->pendingWork() == 0) {
                QTest::qWait(150);
                if (m_window->workspace()->pendingWork() == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    QImage grabCell(twins::viz::FieldView* view) {
        QWidget* cell = m_window->workspace()->cellWidgetOf(view);
        if (auto* vtkView = qobject_cast<twins::viz::VtkView*>(cell)) {
            return vtkView->grabFramebuffer().convertToFormat(QImage::Format_RGB32);
        }
        return cell->grab().toImage().convertToFormat(QImage::Format_RGB32);
    }

    void openAndShow(const QString& path, const QString& variable) {
        QSignalSpy shown(m_window->workspace(), &Workspace::fieldShown);
        m_window->workspace()->openFiles({path}, variable);
        QVERIFY(shown.wait(20000));
        QVERIFY(waitIdle());
    }

    twins::viz::MapView* setProjection(const QString& name) {
        QComboBox* box = m_window->workspace()->projectionBox();
        box->setCurrentIndex(box->findData(name));
        waitIdle();
        return m_window->workspace()->activeMapView();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        m_animationPath = m_directory.filePath(QStringLiteral("animation.nc"));
        m_uncertaintyPath = m_directory.filePath(QStringLiteral("uncertainty.nc"));
        twins::testing::writeAnimationFile(m_animationPath);
        twins::testing::writeUncertaintyFile(m_uncertaintyPath, true);
    }

    void init() {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void linkedTwoByTwoStepsEveryCell() {
        openAndShow(m_animationPath, QStringLiteral("t2m"));
        twins::app::ViewLayoutAction::start(*m_window->workspace(), 4);
        const QList<twins::viz::FieldView*> views = m_window->workspace()->views();
        QCOMPARE(views.size(), 4);
        for (int i = 1; i < 4; ++i) {
            m_window->workspace()->showVariableIn(views[i], m_animationPath, QStringLiteral("t2m"));
            QVERIFY(waitIdle());
        }
        // Two cells on maps, two on the data grid: time links across both kinds.
        m_window->workspace()->setActiveView(views[2]);
        QVERIFY(setProjection(QStringLiteral("robinson")) != nullptr);
        m_window->workspace()->setActiveView(views[3]);
        QVERIFY(setProjection(QStringLiteral("plate-carree")) != nullptr);
        twins::app::LinkViewsAction::start(*m_window->workspace(), true);
        m_window->workspace()->setActiveView(views[0]);
        QVERIFY(waitIdle());
        QList<QImage> before;
        for (auto* view : views) {
            before << grabCell(view);
        }
        saveScreenshot(m_window->grab().toImage(), QStringLiteral("layout-2x2-before.png"));
        QVERIFY(m_window->workspace()->timeSlider()->step(QStringLiteral("time"), 3));
        QVERIFY(waitIdle());
        QTest::qWait(300);
        saveScreenshot(m_window->grab().toImage(), QStringLiteral("layout-2x2-after.png"));
        for (int i = 0; i < 4; ++i) {
            const QImage after = grabCell(views[i]);
            const int changed = changedPixels(before[i], after);
            QVERIFY2(changed > before[i].width() * before[i].height() / 50,
                     qPrintable(QStringLiteral("cell %1: only %2 pixels changed after the step")
                                    .arg(i + 1)
                                    .arg(changed)));
        }
    }

    void layoutExportsFarLargerThanTheWindow() {
        openAndShow(m_animationPath, QStringLiteral("t2m"));
        twins::app::ViewLayoutAction::start(*m_window->workspace(), 2);
        m_window->workspace()->showVariableIn(m_window->workspace()->views()[1], m_animationPath,
                                              QStringLiteral("t2m"));
        QVERIFY(waitIdle());
        QVERIFY(setProjection(QStringLiteral("mollweide")) != nullptr);
        const QString path = m_directory.filePath(QStringLiteral("layout.png"));
        QSignalSpy exported(&m_window->workspace()->figures(), &FigureExports::figureExported);
        twins::app::ExportLayoutAction::start(*m_window->workspace(), path, QSize(3000, 2000));
        QVERIFY(exported.wait(30000));
        QCOMPARE(exported.first().at(1).toBool(), true);
        const QImage image(path);
        QCOMPARE(image.size(), QSize(3000, 2000));
        saveScreenshot(image, QStringLiteral("layout-export-3000x2000.png"));
        // Both halves hold a coloured picture (viridis is never grey).
        for (const QRect half : {QRect(0, 0, 1500, 2000), QRect(1500, 0, 1500, 2000)}) {
            int coloured = 0;
            for (int y = half.top(); y <= half.bottom(); y += 8) {
                for (int x = half.left(); x <= half.right(); x += 8) {
                    const QColor c = image.pixelColor(x, y);
                    coloured += std::max({c.red(), c.green(), c.blue()}) -
                                            std::min({c.red(), c.green(), c.blue()}) >
                                        60
                                    ? 1
                                    : 0;
                }
            }
            QVERIFY2(coloured > 2000,
                     qPrintable(QStringLiteral("%1 coloured samples").arg(coloured)));
        }
    }

    void vsupChosenInPropertiesColoursTheMap() {
        openAndShow(m_uncertaintyPath, QStringLiteral("t2m"));
        twins::app::UncertaintyPanel* panel = m_window->workspace()->uncertaintyPanel();
        panel->encodingBox()->setCurrentIndex(
            panel->encodingBox()->findData(int(twins::app::UncertaintyChoice::Encoding::Vsup)));
        panel->variableBox()->setCurrentText(QStringLiteral("t2m_sd"));
        QSignalSpy applied(&m_window->workspace()->uncertainty(), &UncertaintyController::applied);
        QTest::mouseClick(panel->applyButton(), Qt::LeftButton);
        QVERIFY(applied.wait(20000));
        QVERIFY2(applied.first().at(0).toBool(), qPrintable(applied.first().at(1).toString()));
        QVERIFY(waitIdle());
        twins::viz::MapView* map = m_window->workspace()->activeMapView();
        QVERIFY(map != nullptr);
        QTest::qWait(200);
        const QImage frame = map->grabFramebuffer().convertToFormat(QImage::Format_RGB32);
        saveScreenshot(frame, QStringLiteral("gui-uncertainty-vsup.png"));
        const twins::viz::VsupPalette palette(twins::viz::ColorMap::named("viridis"));
        // Same cells and palette entries as the scripted VSUP export test.
        const struct {
            twins::viz::GeoPoint cell;
            int level;
            int bin;
        } samples[] = {{{-145.0, -25.0}, 0, 0},
                       {{75.0, -35.0}, 0, 2},
                       {{-35.0, 35.0}, 2, 1},
                       {{165.0, 25.0}, 3, 0}};
        for (const auto& sample : samples) {
            const auto position = map->widgetPositionOf(sample.cell);
            QVERIFY(position);
            TB_VERIFY_COLOUR(frame, qRound(position->x()), qRound(position->y()),
                             palette.color(sample.level, sample.bin), 3);
        }
    }

    void hatchingChosenInPropertiesDrawsLinesWhereNotRobust() {
        openAndShow(m_uncertaintyPath, QStringLiteral("flat"));
        twins::app::UncertaintyPanel* panel = m_window->workspace()->uncertaintyPanel();
        panel->encodingBox()->setCurrentIndex(
            panel->encodingBox()->findData(int(twins::app::UncertaintyChoice::Encoding::Hatch)));
        panel->variableBox()->setCurrentText(QStringLiteral("dt"));
        panel->thresholdBox()->setValue(0.5);
        QSignalSpy applied(&m_window->workspace()->uncertainty(), &UncertaintyController::applied);
        QTest::mouseClick(panel->applyButton(), Qt::LeftButton);
        QVERIFY(applied.wait(20000));
        QVERIFY2(applied.first().at(0).toBool(), qPrintable(applied.first().at(1).toString()));
        QVERIFY(waitIdle());
        twins::viz::MapView* map = m_window->workspace()->activeMapView();
        QVERIFY(map != nullptr);
        QTest::qWait(200);
        const QImage frame = map->grabFramebuffer().convertToFormat(QImage::Format_RGB32);
        saveScreenshot(frame, QStringLiteral("gui-uncertainty-hatch.png"));
        const auto noSignal = map->widgetPositionOf({-135.0, -45.0});
        const auto robust = map->widgetPositionOf({-15.0, -45.0});
        QVERIFY(noSignal && robust);
        const int hatched = darkPixelsAround(frame, noSignal->toPoint(), 10);
        const int clear = darkPixelsAround(frame, robust->toPoint(), 10);
        QVERIFY2(
            hatched >= 20 && clear == 0,
            qPrintable(
                QStringLiteral("dark pixels: not robust %1, robust %2").arg(hatched).arg(clear)));
    }

    void secondVariableOnAnotherGridIsRefusedWithBothShapes() {
        openAndShow(m_uncertaintyPath, QStringLiteral("t2m"));
        twins::app::UncertaintyChoice choice;
        choice.encoding = twins::app::UncertaintyChoice::Encoding::Vsup;
        choice.variable = QStringLiteral("coarse");
        QSignalSpy applied(&m_window->workspace()->uncertainty(), &UncertaintyController::applied);
        m_window->workspace()->uncertainty().apply(choice);
        QVERIFY(applied.wait(20000));
        QCOMPARE(applied.first().at(0).toBool(), false);
        const QString message = m_window->workspace()->uncertaintyPanel()->statusText();
        for (const char* expected :
             {"coarse", "lat2 4 x lon2 5", "t2m", "latitude 18 x longitude 36"}) {
            QVERIFY2(
                message.contains(QLatin1String(expected)),
                qPrintable(QStringLiteral("'%1' does not mention '%2'").arg(message, expected)));
        }
        QVERIFY(m_window->workspace()->uncertaintyPanel()->statusIsError());
    }

    void animationFromTheWindowEncodesOffTheGuiThread() {
        openAndShow(m_animationPath, QStringLiteral("t2m"));
        twins::app::AnimationRequest request;
        QString why;
        QVERIFY2(m_window->workspace()->animations().requestForActiveView(request, &why),
                 qPrintable(why));
        request.figure.outputPath = m_directory.filePath(QStringLiteral("window.mp4"));
        request.figure.size = QSize(640, 400);
        QCOMPARE(request.dimension, QStringLiteral("time"));
        // The event loop must keep turning while frames render and encode: measure the
        // longest gap between 10 ms timer ticks.
        QElapsedTimer sinceTick;
        sinceTick.start();
        qint64 longestGap = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this,
                [&] { longestGap = std::max(longestGap, sinceTick.restart()); });
        ticker.start(10);
        QSignalSpy exported(&m_window->workspace()->animations(), &AnimationExports::exported);
        twins::app::ExportAnimationAction::start(*m_window->workspace(), request);
        QVERIFY(m_window->workspace()->animations().running());
        QVERIFY(exported.wait(60000));
        ticker.stop();
        QVERIFY2(exported.first().at(1).toBool(), qPrintable(exported.first().at(2).toString()));
        QVERIFY2(longestGap < 250,
                 qPrintable(QStringLiteral("the GUI thread stalled %1 ms").arg(longestGap)));
        QProcess probe;
        probe.start(QStringLiteral("ffprobe"),
                    {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                     "stream=nb_read_frames", "-of", "csv=p=0", request.figure.outputPath});
        QVERIFY(probe.waitForFinished(30000));
        QCOMPARE(QString::fromUtf8(probe.readAllStandardOutput()).trimmed().toInt(),
                 twins::testing::animationSteps);
    }

    void cancelledAnimationWritesNothing() {
        openAndShow(m_animationPath, QStringLiteral("t2m"));
        twins::app::AnimationRequest request;
        QVERIFY(m_window->workspace()->animations().requestForActiveView(request, nullptr));
        request.figure.outputPath = m_directory.filePath(QStringLiteral("cancelled.mp4"));
        request.figure.size = QSize(1600, 1000);
        QSignalSpy progress(&m_window->workspace()->animations(), &AnimationExports::progress);
        QSignalSpy exported(&m_window->workspace()->animations(), &AnimationExports::exported);
        twins::app::ExportAnimationAction::start(*m_window->workspace(), request);
        QVERIFY(progress.wait(30000));
        m_window->workspace()->animations().cancel();
        QVERIFY(exported.count() > 0 || exported.wait(30000));
        QCOMPARE(exported.first().at(1).toBool(), false);
        QVERIFY(exported.first().at(2).toString().contains(QLatin1String("cancelled")));
        QVERIFY(!QFile::exists(request.figure.outputPath));
    }
};

int main(int argc, char** argv) {
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    LayoutExportTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "LayoutExportTest.moc"
