// Scenario comparison (issue 21 item 3): two test-twin runs with a known difference shown as A,
// B and A-B in three linked cells, A-B on a diverging palette centred on 0 (pixels checked where
// B-A is known); ensemble members hatch A-B where the means differ by less than the pooled
// standard deviation; different grids are refused naming both shapes.
#include "compare/Comparison.h"

#include "LatLonTestGrid.h"
#include "compare/ComparisonFields.h"
#include "runs/RunsController.h"
#include "shell/MainWindow.h"
#include "shell/actions/CompareAction.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/widgets/RunTableModel.h"
#include "twinbench/widgets/RunsPanel.h"
#include "workspace/LinkedViews.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtMath>

#include <cmath>

using namespace twins;

namespace {

constexpr int timeoutMs = 30000;

void saveScreenshot(const QImage& image, const QString& name) {
    const QString directory = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
    QDir().mkpath(directory);
    image.save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

bool near(const QColor& c, const QColor& expected, int tolerance = 40) {
    return std::abs(c.red() - expected.red()) < tolerance &&
           std::abs(c.green() - expected.green()) < tolerance &&
           std::abs(c.blue() - expected.blue()) < tolerance;
}

// The colour drawn at a data position of a view (the centre of a cell of the field).
QColor colourAt(viz::FieldView& view, double x, double y) {
    const QImage image = view.grabFramebuffer();
    const QPointF at = view.widgetPositionOf(x, y);
    const qreal ratio = image.devicePixelRatio();
    return image.pixelColor(qRound(at.x() * ratio), qRound(at.y() * ratio));
}

// An ensemble file: tas(member, lat, lon) on 10 x 20 cells of open South Atlantic (40-22S,
// 30W-8E every 2 degrees), four members offset +s, -s, +s, -s from `mean`; s is `leftSpread`
// west of 10W, 0.1 K east of it.
void writeEnsemble(const QString& path, double mean, double leftSpread) {
    constexpr std::size_t members = 4, lats = 10, lons = 20;
    const testing::LatLonTestGrid grid{lats, lons, -40.0, -30.0};
    data::NetcdfWriter writer(path.toStdString());
    using Type = data::NetcdfWriter::Type;
    writer.addDimension("member", members);
    grid.define(writer);
    writer.addVariable("tas", Type::Float, {"member", "lat", "lon"});
    writer.setTextAttribute("tas", "units", "K");
    grid.write(writer);
    for (std::size_t m = 0; m < members; ++m) {
        std::vector<float> values(lats * lons);
        for (std::size_t j = 0; j < lats; ++j) {
            for (std::size_t i = 0; i < lons; ++i) {
                const double spread = grid.lon(i) < -10.0 ? leftSpread : 0.1;
                values[j * lons + i] =
                    static_cast<float>(288.0 + mean + (m % 2 == 0 ? spread : -spread));
            }
        }
        writer.write("tas", {m, 0, 0}, {1, lats, lons}, values.data());
    }
    writer.commit();
}

} // namespace

class ComparisonTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_runs.isValid());
        qputenv("TWINBENCH_RUNS_DIR", m_runs.path().toUtf8());
        qputenv("TWINBENCH_PLUGIN_PATH", TWINBENCH_TEST_PLUGIN_DIR);
    }

    void twoRunsShowAandBandTheirDifferenceCentredOnZero() {
        // A rises from 0 at (0, 0) to 2 K at (7, 7) (2 (x + y) / 14); B is 1 K where x + y is
        // even, else 0. So A-B is -1 K at (0, 0), +13/7 K at (7, 6) (the largest |A-B|: the red
        // end of a palette centred on 0), +1/7 K at (1, 0) (just above white).
        const QString a = generate({"size=8", "amplitude=2", "pattern=gradient"});
        const QString b = generate({"size=8", "amplitude=1", "pattern=checker"});
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        app::MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        app::Workspace& workspace = *window.workspace();
        app::Comparison* comparison = app::CompareAction::start(workspace, a, b, "field");
        QSignalSpy shown(comparison, &app::Comparison::shown);
        QVERIFY(shown.wait(timeoutMs));
        QCOMPARE(workspace.views().size(), 3);
        QCOMPARE(comparison->views().size(), 3);
        QVERIFY(workspace.links().linked());
        viz::FieldView& difference = *comparison->views().at(2);
        QCOMPARE(workspace.cellWidgetOf(&difference), static_cast<QWidget*>(&difference));
        QCOMPARE(difference.colorMapName(), QString("coolwarm"));
        const data::FieldSlice* field = difference.field();
        QVERIFY(field != nullptr);
        const double extent = 13.0 / 7.0;
        QVERIFY(std::abs(field->minimum + extent) < 1e-5); // float values
        QVERIFY(std::abs(field->maximum - extent) < 1e-5);
        QTest::qWait(400);
        saveScreenshot(window.grab().toImage(), "comparison-a-b-difference");
        const viz::ColorMap coolwarm = viz::ColorMap::named("coolwarm");
        const QColor origin = colourAt(difference, field->x[0], field->y[0]);
        const QColor corner = colourAt(difference, field->x[7], field->y[6]);
        const QColor nearZero = colourAt(difference, field->x[1], field->y[0]);
        auto expected = [&](double difference) {
            return coolwarm.colorAt(0.5 + 0.5 * difference / extent);
        };
        QVERIFY2(near(origin, expected(-1.0), 25), qPrintable(origin.name()));
        QVERIFY2(near(corner, expected(13.0 / 7.0), 25), qPrintable(corner.name()));
        QVERIFY2(near(nearZero, expected(1.0 / 7.0), 25), qPrintable(nearZero.name()));
        QVERIFY(origin.blue() > origin.red() && corner.red() > corner.blue());
        // A and B keep their own palette, on one range: A's far corner (2 K) is the top of it.
        viz::FieldView& viewA = *comparison->views().at(0);
        QCOMPARE(viewA.field()->maximum, 2.0);
        QCOMPARE(comparison->views().at(1)->field()->minimum, 0.0);

        // A run on another grid: refused, naming both shapes.
        const QString other = generate({"size=16", "amplitude=1", "pattern=gradient"});
        QSignalSpy failed(comparison, &app::Comparison::failed);
        app::CompareAction::start(workspace, a, other, "field");
        QVERIFY(failed.wait(timeoutMs));
        const QString message = failed.first().at(0).toString();
        QVERIFY2(message.contains("not the same grid") && message.contains("field is 8 × 8") &&
                     message.contains("field is 16 × 16"),
                 qPrintable(message));
    }

    // The Runs dock's "Compare with..." on a finished run: the dialog starts with that run's
    // declared map output as A and the same output of another finished run as B (chosen among
    // them), and accepting shows A, B and A-B.
    void compareWithFromTheRunsDock() {
        const QString a = generate({"size=8", "amplitude=2", "pattern=gradient"});
        const QString b = generate({"size=8", "amplitude=1", "pattern=checker"});
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        const QString runA = QDir::cleanPath(QFileInfo(a).absolutePath() + "/..");
        const QString runB = QDir::cleanPath(QFileInfo(b).absolutePath() + "/..");
        const app::CompareAction::RunOutput offered = app::CompareAction::outputToCompare(runA);
        QCOMPARE(QFileInfo(offered.path).canonicalFilePath(), QFileInfo(a).canonicalFilePath());
        QCOMPARE(offered.variable, QString("field"));

        app::MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // The dock lists the runs from the registry.
        auto* model = window.runsPanel()->tableModel();
        QVERIFY(QTest::qWaitFor([&] { return model->rowCount() >= 2; }, timeoutMs));
        QString chooserText;
        QString pathB;
        QTimer::singleShot(0, &window, [&] {
            auto* dialog = window.findChild<QDialog*>("compareDialog");
            if (dialog == nullptr) {
                return;
            }
            auto* runs = dialog->findChild<QComboBox*>("compareRunB");
            for (int i = 0; runs != nullptr && i < runs->count(); ++i) {
                chooserText += runs->itemText(i) + ";";
                if (runs->itemData(i).toString().startsWith(runB)) {
                    runs->setCurrentIndex(i);
                }
            }
            pathB = dialog->findChild<QLineEdit*>("comparePathB")->text();
            dialog->accept();
        });
        window.runsController()->chooseRunToCompare(QFileInfo(runA).fileName());
        QVERIFY2(chooserText.contains(QFileInfo(runB).fileName() + " (testtwin generate)"),
                 qPrintable(chooserText));
        QCOMPARE(QFileInfo(pathB).canonicalFilePath(), QFileInfo(b).canonicalFilePath());
        auto* comparison = window.workspace()->findChild<app::Comparison*>();
        QVERIFY(comparison != nullptr);
        QSignalSpy shown(comparison, &app::Comparison::shown);
        QVERIFY(shown.wait(timeoutMs));
        QCOMPARE(window.workspace()->views().size(), 3);
        QCOMPARE(comparison->views().at(0)->field()->maximum, 2.0);
    }

    void ensembleDifferenceIsHatchedWithinThePooledSpread() {
        // Means differ by 1 K everywhere; the members spread by ~3.5 K west of 10W (hatched)
        // and ~0.12 K east of it (not hatched).
        const QString a = QDir(m_runs.path()).filePath("ensemble-a.nc");
        const QString b = QDir(m_runs.path()).filePath("ensemble-b.nc");
        writeEnsemble(a, 1.0, 3.0);
        writeEnsemble(b, 0.0, 3.0);
        app::MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        app::Workspace& workspace = *window.workspace();
        app::Comparison* comparison = app::CompareAction::start(workspace, a, b, "tas");
        QSignalSpy shown(comparison, &app::Comparison::shown);
        QVERIFY(shown.wait(timeoutMs));
        QCOMPARE(comparison->hatchedCells(), std::size_t(100));
        app::ViewCell* cell = workspace.grid()->cellOf(comparison->views().at(2));
        QVERIFY(cell->map != nullptr && !cell->projection.isEmpty());
        viz::MapView& map = *cell->map;
        QVERIFY(map.scene().hasHatching());
        QVERIFY(map.scene().hatchSegmentCount() > 0);
        const QString caption = map.scene().captionText();
        QVERIFY2(caption.contains(app::hatchingRule()), qPrintable(caption));
        const QString legend = map.scene().legendTexts().join(" ");
        QVERIFY2(legend.contains("|mean(A) − mean(B)|") && legend.contains("4 + 4 members") &&
                     !legend.contains("IPCC"),
                 qPrintable(legend));
        QCOMPARE(map.scene().colorMapName(), QString("coolwarm"));
        QTest::qWait(400);
        saveScreenshot(window.grab().toImage(), "comparison-ensemble-hatched");
        // Hatch lines (dark grey) over the western half only; no coast in either box.
        const QImage image = map.grabFramebuffer();
        auto darkPixels = [&](viz::GeoPoint southWest, viz::GeoPoint northEast) {
            const QRectF box =
                QRectF(*map.widgetPositionOf(southWest), *map.widgetPositionOf(northEast))
                    .normalized();
            int count = 0;
            const qreal ratio = image.devicePixelRatio();
            for (int y = qCeil(box.top()); y < box.bottom(); ++y) {
                for (int x = qCeil(box.left()); x < box.right(); ++x) {
                    const QColor c = image.pixelColor(qRound(x * ratio), qRound(y * ratio));
                    count += c.red() < 70 && c.green() < 70 && c.blue() < 70 ? 1 : 0;
                }
            }
            return count;
        };
        const int west = darkPixels({-29.0, -39.0}, {-13.0, -23.0});
        const int east = darkPixels({-9.0, -39.0}, {7.0, -23.0});
        QVERIFY2(west >= 10 && east <= 2, qPrintable(QString("%1 %2").arg(west).arg(east)));
    }

private:
    // Runs testtwin generate through the worker; the path of its field.nc, "" on failure.
    QString generate(const QStringList& settings) {
        const QStringList before = QDir(m_runs.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QStringList arguments{"run", "testtwin", "generate", "--wait"};
        for (const QString& setting : settings) {
            arguments << "--set" << setting;
        }
        QProcess worker;
        worker.start(QStringLiteral(TWINBENCH_WORKER_EXECUTABLE), arguments);
        if (!worker.waitForFinished(timeoutMs) || worker.exitCode() != 0) {
            qWarning() << worker.readAllStandardError();
            return {};
        }
        for (const QString& entry :
             QDir(m_runs.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString field = QDir(m_runs.path()).filePath(entry + "/outputs/field.nc");
            if (!before.contains(entry) && QFile::exists(field)) {
                return field;
            }
        }
        return {};
    }

    QTemporaryDir m_runs;
};

QTEST_MAIN(ComparisonTest)
#include "ComparisonTest.moc"
