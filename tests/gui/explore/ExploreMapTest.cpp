// The map answer page (answers/kinds/map): the convention read (rows north first flipped,
// uncertainty_of linked, malformed answers refused naming the field), a synthetic answer's
// cells drawn in their colour map's colours and faded by VSUP where uncertain, and the
// wildfire twin's what_if through the Explore dock and a real `twinbench-run serve` (a 12 x 12
// cell region at 2 degrees, a depth-1 UNet++ with 4 filters trained one epoch): the burned
// probability drawn on its lat/lon grid cell by cell in magma, sea cells grey, the spread as
// VSUP, the change field kept when a slider is moved and drawn where the region warmed.
#include "WorkerRuns.h"
#include "answers/AnswerView.h"
#include "answers/kinds/map/MapAnswer.h"
#include "answers/kinds/map/MapPage.h"
#include "explore/ExploreDock.h"
#include "results/ResultUncertainty.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/MapScene.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/Vsup.h"
#include "twinbench/viz/VtkVersion.h"
#include "twinbench/widgets/ParameterForm.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QtEndian>

#include <cmath>
#include <limits>
#include <memory>

using namespace twins;

namespace {

constexpr int answerTimeoutMs = 60000;
constexpr float missing = std::numeric_limits<float>::quiet_NaN();

void saveScreenshot(const QImage& image, const QString& name) {
    const QString directory = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
    QDir().mkpath(directory);
    image.save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

QString base64(const std::vector<float>& values) {
    QByteArray bytes(static_cast<qsizetype>(values.size() * sizeof(float)), Qt::Uninitialized);
    for (std::size_t i = 0; i < values.size(); ++i) {
        qToLittleEndian<float>(values[i], reinterpret_cast<uchar*>(bytes.data()) + i * 4);
    }
    return QString::fromLatin1(bytes.toBase64());
}

std::vector<float> decoded(const QJsonObject& field) {
    const QByteArray bytes =
        QByteArray::fromBase64(field.value("float32_base64").toString().toLatin1());
    std::vector<float> values(static_cast<std::size_t>(bytes.size()) / 4);
    for (std::size_t i = 0; i < values.size(); ++i) {
        values[i] = qFromLittleEndian<float>(reinterpret_cast<const uchar*>(bytes.data()) + i * 4);
    }
    return values;
}

QJsonObject mapAnswer(int rows, int columns, QJsonObject latitude, QJsonObject longitude,
                      QJsonArray fields) {
    return QJsonObject{
        {"title", "Synthetic"},
        {"conditions", QJsonObject{{"offset", QJsonObject{{"value", 2}, {"units", "K"}}}}},
        {"map", QJsonObject{{"rows", rows},
                            {"columns", columns},
                            {"latitude", latitude},
                            {"longitude", longitude},
                            {"fields", fields}}}};
}

bool near(QColor a, QColor b, int tolerance) {
    return std::abs(a.red() - b.red()) <= tolerance &&
           std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

// Whether `colour` (within `tolerance` per channel) is drawn within one pixel of a lon/lat
// point of the map's last frame.
bool drawnAt(const viz::MapView& map, const QImage& frame, viz::GeoPoint point, QColor colour,
             int tolerance) {
    const auto position = map.widgetPositionOf(point);
    if (!position) {
        return false;
    }
    const qreal ratio = frame.devicePixelRatio();
    for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
            const int x = qRound((position->x() + dx) * ratio);
            const int y = qRound((position->y() + dy) * ratio);
            if (frame.rect().contains(x, y) && near(frame.pixelColor(x, y), colour, tolerance)) {
                return true;
            }
        }
    }
    return false;
}

QImage freshFrame(viz::MapView& map) {
    const int before = map.frameCount();
    map.update();
    if (!QTest::qWaitFor([&] { return map.frameCount() > before; }, 5000)) {
        return {}; // no frame drawn: every colour check then fails
    }
    return map.grabFramebuffer();
}

} // namespace

class ExploreMapTest : public QObject {
    Q_OBJECT

    testing::WorkerRuns m_runs{"wildfire"};
    QString m_cube;
    QString m_model;

private slots:
    void readsTheMapConvention() {
        // 3 rows north first (10, 0, -10 N) x 2 columns: value = 10 row + column.
        const QJsonObject answer =
            mapAnswer(3, 2, {{"start", 10}, {"step", -10}}, {{"start", -30}, {"step", 20}},
                      {QJsonObject{{"name", "p"},
                                   {"units", "1"},
                                   {"range", QJsonArray{0, 30}},
                                   {"float32_base64", base64({0, 1, 10, 11, missing, 21})}},
                       QJsonObject{{"name", "s"},
                                   {"uncertainty_of", "p"},
                                   {"float32_base64", base64({1, 1, 1, 1, 1, 1})}}});
        const app::MapAnswer map = app::readMapAnswer(answer);
        QCOMPARE(map.fields.size(), 2);
        const data::FieldSlice& p = *map.fields[0].slice;
        QCOMPARE(p.y, (std::vector<double>{-10, 0, 10}));
        QCOMPARE(p.x, (std::vector<double>{-30, -10}));
        QVERIFY(std::isnan(p.at(0, 0))); // the southern row, first given last
        QCOMPARE(p.at(1, 0), 21.0f);
        QCOMPARE(p.at(1, 2), 1.0f);
        QCOMPARE(p.finiteCount, std::size_t(5));
        QCOMPARE(p.maximum, 21.0);
        QCOMPARE(map.fields[0].range->second, 30.0);
        QCOMPARE(map.uncertaintyOf("p")->name, QString("s"));
        QVERIFY(map.uncertaintyOf("s") == nullptr);
        QCOMPARE(map.header.conditions, QString("offset 2 K"));

        const auto refusal = [](QJsonObject broken) {
            try {
                app::readMapAnswer(broken);
            } catch (const app::ExploreAnswerError& error) {
                return QString::fromUtf8(error.what());
            }
            return QString();
        };
        QJsonObject shortField = answer;
        QJsonObject body = answer["map"].toObject();
        body["fields"] = QJsonArray{QJsonObject{{"name", "p"}, {"float32_base64", base64({1})}}};
        shortField["map"] = body;
        QVERIFY2(refusal(shortField).contains("map.fields[0].float32_base64': expected 24 bytes"),
                 qPrintable(refusal(shortField)));
        body = answer["map"].toObject();
        body["fields"] = QJsonArray{QJsonObject{{"name", "p"},
                                                {"uncertainty_of", "q"},
                                                {"float32_base64", base64({1, 1, 1, 1, 1, 1})}}};
        QJsonObject orphan = answer;
        orphan["map"] = body;
        QVERIFY2(refusal(orphan).contains("map.fields[0].uncertainty_of"),
                 qPrintable(refusal(orphan)));
        body = answer["map"].toObject();
        body["latitude"] = QJsonObject{{"start", 95}, {"step", -10}};
        QJsonObject offGlobe = answer;
        offGlobe["map"] = body;
        QVERIFY2(refusal(offGlobe).contains("map.latitude"), qPrintable(refusal(offGlobe)));
    }

    // A 20 x 40 grid of 2 degree cells: p is 0.2 west of 0E and 0.9 east of it, its spread s
    // 0 north of the equator and 0.5 south of it. Plain: magma's colours of 0.2 and 0.9; with
    // VSUP the north keeps them and the south takes the palette's most uncertain level.
    void drawsCellsInTheirColoursAndFadesThemByVsup() {
        std::vector<float> p(800), s(800);
        for (int row = 0; row < 20; ++row) {              // north first: 19 N ... -19 N
            for (int column = 0; column < 40; ++column) { // -39 E ... 39 E
                p[row * 40 + column] = column < 20 ? 0.2f : 0.9f;
                s[row * 40 + column] = row < 10 ? 0.0f : 0.5f;
            }
        }
        const QJsonObject answer =
            mapAnswer(20, 40, {{"start", 19}, {"step", -2}}, {{"start", -39}, {"step", 2}},
                      {QJsonObject{{"name", "p"},
                                   {"title", "Probability"},
                                   {"units", "1"},
                                   {"colormap", "magma"},
                                   {"range", QJsonArray{0, 1}},
                                   {"float32_base64", base64(p)}},
                       QJsonObject{{"name", "s"},
                                   {"units", "1"},
                                   {"uncertainty_of", "p"},
                                   {"float32_base64", base64(s)}}});
        app::AnswerView view;
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showAnswer("map", answer, false);
        auto* page = view.page<app::MapPage>("map");
        QVERIFY(page != nullptr);
        QCOMPARE(view.currentPage(), page);
        QCOMPARE(page->shownField(), QString("p"));
        QCOMPARE(page->fieldBox()->count(), 2);
        QVERIFY(page->vsupBox()->isEnabled());
        viz::MapView& map = *page->mapView();
        QVERIFY2(map.scene().titleText().contains("Probability [1]") &&
                     map.scene().titleText().contains("Synthetic; offset 2 K"),
                 qPrintable(map.scene().titleText()));
        QVERIFY(map.scene().hasVsup());
        QVERIFY2(map.scene().captionText().contains("uncertainty s"),
                 qPrintable(map.scene().captionText()));
        const viz::VsupPalette palette(viz::ColorMap::named("magma"));
        QImage frame = freshFrame(map);
        saveScreenshot(frame, "explore-map-synthetic-vsup");
        // The value bins' centres (VSUP quantises the value): 0.9 is in bin 7 of 8 at level 0.
        QVERIFY(drawnAt(map, frame, {20, 10}, palette.colorFor(0.9, 0.0), 3));
        QVERIFY(drawnAt(map, frame, {20, -10}, palette.colorFor(0.9, 1.0), 3));
        QVERIFY(drawnAt(map, frame, {-20, -10}, palette.colorFor(0.2, 1.0), 3));
        QVERIFY(!near(palette.colorFor(0.9, 0.0), palette.colorFor(0.9, 1.0), 20));

        page->vsupBox()->setChecked(false);
        QVERIFY(!map.scene().hasVsup());
        frame = freshFrame(map);
        saveScreenshot(frame, "explore-map-synthetic");
        const viz::ColorMap magma = viz::ColorMap::named("magma");
        for (const viz::GeoPoint point : {viz::GeoPoint{20, 10}, viz::GeoPoint{20, -10}}) {
            QVERIFY(drawnAt(map, frame, point, magma.colorAt(0.9), 3));
        }
        QVERIFY(drawnAt(map, frame, {-20, -10}, magma.colorAt(0.2), 3));

        // The spread alone: viridis over its own range, no VSUP offered for it.
        page->fieldBox()->setCurrentIndex(1);
        QCOMPARE(page->shownField(), QString("s"));
        QVERIFY(!page->vsupBox()->isEnabled());
        frame = freshFrame(map);
        QVERIFY(drawnAt(map, frame, {20, -10}, viz::ColorMap::named("viridis").colorAt(1.0), 3));
        QVERIFY(drawnAt(map, frame, {20, 10}, viz::ColorMap::named("viridis").colorAt(0.0), 3));
        // The figure is exported at any size, apart from the window.
        const QImage figure = page->renderFigure(QSize(1200, 780));
        QCOMPARE(figure.size(), QSize(1200, 780));
    }

    void initTestCase() {
        QVERIFY(m_runs.isValid());
        m_cube = m_runs.run({"generate", "--set", "first_year=2001", "--set", "last_year=2002",
                             "--set", "resolution=2", "--set", "bbox=10,-20,34,4"});
        QVERIFY(!m_cube.isEmpty());
        m_model = m_runs.run({"train", "--input", m_cube, "--set", "train_first_year=2001", "--set",
                              "train_last_year=2001", "--set", "validation_last_year=2002", "--set",
                              "depth=1", "--set", "base_filters=4", "--set", "epochs=1", "--set",
                              "threads=1", "--set", "seed=3"});
        QVERIFY(!m_model.isEmpty());
    }

    // infer's probability map result opens with its spread as VSUP (options.uncertainty_layer,
    // read as the workspace reads it), the spread itself being infer's uncertainty result.
    void wildfireProbabilityResultNamesItsSpreadAsVsup() {
        const sdk::ModuleCatalog catalog =
            sdk::ModuleCatalog::scan({QStringLiteral(TWINBENCH_PLUGIN_BUILD_DIR)});
        const sdk::ModuleEntry* wildfire = catalog.find("wildfire");
        QVERIFY(wildfire != nullptr);
        int probabilityMaps = 0;
        for (const sdk::ResultSpec& spec : wildfire->metadata.results) {
            if (spec.action != "infer" || spec.variable != "burned_probability") {
                continue;
            }
            ++probabilityMaps;
            const app::ResultUncertainty uncertainty = app::resultUncertainty(spec);
            QVERIFY2(uncertainty.error.isEmpty(), qPrintable(uncertainty.error));
            QVERIFY(uncertainty.choice != nullptr);
            QCOMPARE(uncertainty.choice->encoding, app::UncertaintyChoice::Encoding::Vsup);
            QCOMPARE(uncertainty.choice->variable, QString("burned_probability_spread"));
            bool spreadDeclared = false;
            for (const sdk::ResultSpec& other : wildfire->metadata.results) {
                spreadDeclared |= other.action == "infer" && other.output == spec.output &&
                                  other.variable == "burned_probability_spread";
            }
            QVERIFY(spreadDeclared);
        }
        QCOMPARE(probabilityMaps, 1);
    }

    void drawsTheWhatIfMapInTheExploreDock() {
        qputenv("TWINBENCH_PLUGIN_PATH", TWINBENCH_PLUGIN_BUILD_DIR);
        qputenv("TWINBENCH_PLUGIN_PATH_ONLY", "1");
        qputenv("TWINBENCH_RUNS_DIR", m_runs.path().toUtf8());
        app::ExploreDock dock(nullptr, QStringLiteral(TWINBENCH_WORKER_EXECUTABLE));
        dock.resize(1100, 1000);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        dock.setCatalog(sdk::ModuleCatalog::scan({QStringLiteral(TWINBENCH_PLUGIN_BUILD_DIR)}));
        QVERIFY(dock.selectQuery("wildfire", "what_if"));
        QSignalSpy shown(&dock, &app::ExploreDock::answerShown);
        QSignalSpy activated(&dock, &app::ExploreDock::answerActivated);
        // The model and cube have no default: the dock asks once they are set.
        dock.form()->setValues({{"model", m_runs.filePath(m_model)},
                                {"cube", m_runs.filePath(m_cube)},
                                {"date", "2002-07-15"},
                                {"region", "22,-20,34,4"},
                                {"mc_passes", 3}});
        QVERIFY2(shown.wait(answerTimeoutMs), qPrintable(dock.statusLabel()->text()));
        QVERIFY2(shown.last().at(0).toBool(), qPrintable(dock.statusLabel()->text()));
        QCOMPARE(dock.answerView()->shownKind(), QString("map"));
        auto* page = dock.answerView()->page<app::MapPage>("map");
        QVERIFY(page != nullptr);
        QCOMPARE(page->fieldBox()->count(), 3);
        QCOMPARE(page->shownField(), QString("burned_probability"));
        QVERIFY(page->vsupBox()->isEnabled() && page->vsupBox()->isChecked());
        viz::MapView& map = *page->mapView();
        QVERIFY2(map.scene().captionText().contains("burned_probability_spread"),
                 qPrintable(map.scene().captionText()));
        QVERIFY2(map.scene().titleText().contains("Burned probability, 8 days from 2002-07-12"),
                 qPrintable(map.scene().titleText()));
        QVERIFY(page->metricsTable()->rowCount() >= 4);
        QTest::qWait(300);
        saveScreenshot(dock.grab().toImage(), "explore-map-wildfire-dock");

        // The answer's own values, cell by cell against the pixels (plain magma over [0, 1]).
        QVERIFY(dock.activateShownAnswer(false));
        const QJsonObject answer = activated.last().at(3).toJsonObject();
        const QJsonArray fields = answer.value("map").toObject().value("fields").toArray();
        const std::vector<float> probability = decoded(fields[0].toObject());
        QCOMPARE(probability.size(), std::size_t(144));
        page->vsupBox()->setChecked(false);
        QImage frame = freshFrame(map);
        saveScreenshot(frame, "explore-map-wildfire-probability");
        const viz::ColorMap magma = viz::ColorMap::named("magma");
        const QColor seaGrey(158, 158, 158);
        int land = 0, landDrawn = 0, sea = 0, seaGreyDrawn = 0;
        for (int row = 0; row < 12; ++row) {
            for (int column = 0; column < 12; ++column) {
                const viz::GeoPoint centre{11.0 + 2 * column, 3.0 - 2 * row};
                const float value = probability[row * 12 + column];
                if (std::isfinite(value)) {
                    ++land;
                    landDrawn += drawnAt(map, frame, centre, magma.colorAt(value), 4) ? 1 : 0;
                } else {
                    ++sea;
                    seaGreyDrawn += drawnAt(map, frame, centre, seaGrey, 4) ? 1 : 0;
                }
            }
        }
        qInfo("what_if map: %d land cells, %d drawn in magma's colour of their probability; %d "
              "sea cells, %d grey",
              land, landDrawn, sea, seaGreyDrawn);
        // Coastlines and borders are drawn over some cell centres.
        QVERIFY(land > 50 && sea > 5);
        QVERIFY2(landDrawn >= land * 8 / 10, qPrintable(QString::number(landDrawn)));
        QVERIFY2(seaGreyDrawn >= sea * 6 / 10, qPrintable(QString::number(seaGreyDrawn)));

        // The change against the drivers as generated: none yet, all at coolwarm's middle.
        page->fieldBox()->setCurrentIndex(page->fieldBox()->findData("burned_probability_change"));
        QVERIFY(!page->vsupBox()->isEnabled());
        // Hotter and drier over the region (east of 22E): the field chosen stays.
        dock.form()->setValues({{"temperature_offset", 8.0}, {"precipitation_factor", 0.1}});
        const auto shownAnswer = [&] {
            return dock.activateShownAnswer(false) ? activated.last().at(3).toJsonObject()
                                                   : QJsonObject();
        };
        QVERIFY(QTest::qWaitFor(
            [&] {
                return shownAnswer()
                           .value("conditions")
                           .toObject()
                           .value("temperature offset")
                           .toObject()
                           .value("value")
                           .toDouble() == 8.0;
            },
            answerTimeoutMs));
        QCOMPARE(page->shownField(), QString("burned_probability_change"));
        const std::vector<float> change = decoded(
            shownAnswer().value("map").toObject().value("fields").toArray().at(2).toObject());
        double largest = 0.0;
        for (float value : change) {
            largest = std::isfinite(value) ? std::max<double>(largest, std::abs(value)) : largest;
        }
        QVERIFY2(largest > 0.0, "the warmer, drier region changed nothing");
        frame = freshFrame(map);
        saveScreenshot(frame, "explore-map-wildfire-change");
        saveScreenshot(dock.grab().toImage(), "explore-map-wildfire-change-dock");
        // Every land cell in coolwarm's colour of its change over [-largest, largest] (the
        // network's reach spreads the change beyond the region a little).
        const viz::ColorMap coolwarm = viz::ColorMap::named("coolwarm");
        int cells = 0, cellsDrawn = 0, changed = 0, changedDrawn = 0;
        for (int row = 0; row < 12; ++row) {
            for (int column = 0; column < 12; ++column) {
                const float value = change[row * 12 + column];
                if (!std::isfinite(value)) {
                    continue;
                }
                const viz::GeoPoint centre{11.0 + 2 * column, 3.0 - 2 * row};
                const bool drawn =
                    drawnAt(map, frame, centre, coolwarm.colorAt(0.5 + 0.5 * value / largest), 4);
                ++cells;
                cellsDrawn += drawn ? 1 : 0;
                if (std::abs(value) > 0.3 * largest) {
                    ++changed;
                    changedDrawn += drawn ? 1 : 0;
                }
            }
        }
        qInfo("change map: largest |change| %.3g; %d land cells, %d drawn in coolwarm's colour "
              "of their change; %d changed by more than 30%% of the largest, %d of them drawn",
              largest, cells, cellsDrawn, changed, changedDrawn);
        QVERIFY(changed > 0);
        QVERIFY2(cellsDrawn >= cells * 8 / 10, qPrintable(QString::number(cellsDrawn)));
        QVERIFY2(changedDrawn >= changed * 7 / 10, qPrintable(QString::number(changedDrawn)));
    }
};

int main(int argc, char** argv) {
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    ExploreMapTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "ExploreMapTest.moc"
