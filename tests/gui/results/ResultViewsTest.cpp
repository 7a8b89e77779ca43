// A finished run's declared results (plugins/README.md "Result specs"): hand-made run
// directories whose outputs are converted into answers (tracks, points, metrics, charts, a
// volume), the Runs dock's Results list naming exactly the results whose file exists, a tracks
// result drawn on a map with the expected colours at the projected places, a corrupt CSV
// refused with a message naming the file and the column, and the main window opening a map
// result in its map view and the others in a result dock.
#include "answers/AnswerFigureExport.h"
#include "answers/AnswerView.h"
#include "answers/ComparisonAnswer.h"
#include "answers/ResultAnswers.h"
#include "answers/ResultCsv.h"
#include "answers/kinds/metrics_table/MetricsAnswer.h"
#include "answers/kinds/spectrogram/SpectrogramPage.h"
#include "answers/kinds/tracks/TracksAnswer.h"
#include "answers/kinds/tracks/TracksPage.h"
#include "answers/kinds/volume/VolumeAnswer.h"
#include "answers/kinds/volume/VolumePage.h"
#include "results/ResultPointsOverlay.h"
#include "results/ResultView.h"
#include "results/RunResults.h"
#include "shell/MainWindow.h"
#include "support/ExampleData.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/Hdf5Writer.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/runs/RunSpec.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/SpectrogramView.h"
#include "twinbench/widgets/RunDetails.h"
#include "twinbench/widgets/TimeSlider.h"
#include "workspace/Workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace twins;

#include "ResultViewsFixtures.h"

class ResultViewsTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_runs;

    // A run directory <runs>/<id> with these files in outputs/.
    QString makeRun(const QString& id, const QMap<QString, QByteArray>& outputs) {
        const QString directory = QDir(m_runs.path()).filePath(id);
        for (auto it = outputs.begin(); it != outputs.end(); ++it) {
            writeFile(QDir(directory).filePath("outputs/" + it.key()), it.value());
        }
        return directory;
    }

    static runs::RunRecord record(const QString& id, const QString& action,
                                  const QString& directory) {
        runs::RunRecord run;
        run.id = id;
        run.moduleId = "cyclone";
        run.action = action;
        run.state = runs::RunState::Succeeded;
        run.runDirectory = directory;
        return run;
    }

    static sdk::ModuleMetadata cycloneResults() {
        sdk::ModuleMetadata module;
        module.id = "cyclone";
        module.name = "Tropical cyclones";
        module.results = {
            spec("map", "generate", "drivers.nc", "Mean sea level pressure"),
            spec("tracks", "validate", "tracks_comparison.csv", "True vs detected tracks",
                 trackOptions()),
            spec("points", "validate", "detections.csv", "Detected centres"),
            spec("metrics_table", "validate", "metrics.json", "Detection and tracking scores"),
        };
        return module;
    }

private slots:
    void initTestCase() { QVERIFY(m_runs.isValid()); }

    void convertsTracksWithAUnitsRowInTimeOrder() {
        // IBTrACS: a second header line of units; rows of a storm not in time order; a blank
        // wind is a missing value, not zero.
        const QString run =
            makeRun("ibtracs", {{"truth_tracks.csv", "SID,ISO_TIME,LAT,LON,WMO_WIND\n"
                                                     ",,degrees_north,degrees_east,kts\n"
                                                     "A,2017-09-01 06:00:00,15.0,-40.0,30\n"
                                                     "A,2017-09-01 00:00:00,14.0,-39.0,25\n"
                                                     "B,2017-09-02 00:00:00,20.0,-60.0, \n"
                                                     "B,2017-09-02 06:00:00,21.0,-61.0,80\n"}});
        const app::ResultAnswer answer =
            app::readResultAnswer(spec("tracks", "generate", "truth_tracks.csv", "True tracks",
                                       {{"id", "SID"},
                                        {"time", "ISO_TIME"},
                                        {"lat", "LAT"},
                                        {"lon", "LON"},
                                        {"colour_by", "WMO_WIND"},
                                        {"units_row", true}}),
                                  QDir(run).filePath("outputs"));
        QCOMPARE(answer.kind, QString("tracks"));
        const QJsonArray tracks = answer.answer.value("tracks").toArray();
        QCOMPARE(tracks.size(), 2);
        const QJsonArray a = tracks.at(0).toObject().value("points").toArray();
        QCOMPARE(tracks.at(0).toObject().value("id").toString(), QString("A"));
        QCOMPARE(a.at(0).toObject().value("lat").toDouble(), 14.0);
        QCOMPARE(a.at(0).toObject().value("time").toString(), QString("2017-09-01 00:00:00"));
        QCOMPARE(a.at(1).toObject().value("value").toDouble(), 30.0);
        const QJsonArray b = tracks.at(1).toObject().value("points").toArray();
        QVERIFY(b.at(0).toObject().value("value").isNull());
        QCOMPARE(b.at(1).toObject().value("lon").toDouble(), -61.0);
        QCOMPARE(answer.answer.value("value").toObject().value("units").toString(), QString("kts"));
        QCOMPARE(metricValue(answer.answer, "tracks"), QString("2"));
        QCOMPARE(metricValue(answer.answer, "largest WMO_WIND"), QString("80"));
        QCOMPARE(metricValue(answer.answer, "first time"), QString("2017-09-01 00:00:00"));
        // The answer follows the convention AnswerView reads.
        const app::ExploreTracks read = app::readTracksAnswer(answer.answer);
        QCOMPARE(read.minimum, 25.0);
        QCOMPARE(read.maximum, 80.0);
        QCOMPARE(read.tracks.at(1).points.at(1).lon, -61.0);
    }

    void convertsGroupedTracksAndPoints() {
        const app::ResultCsv comparison = [&] {
            const QString run = makeRun(
                "grouped", {{"tracks_comparison.csv", "source,track_id,time,lat,lon,wind_ms\n"
                                                      "truth,1,t0,10,-50,20\n"
                                                      "truth,1,t1,11,-51,25\n"
                                                      "detected,1,t0,10.5,-50.2,18\n"
                                                      "detected,2,t0,30,-20,40\n"}});
            return app::ResultCsv::read(QDir(run).filePath("outputs/tracks_comparison.csv"), false);
        }();
        QJsonObject options = trackOptions();
        options.insert("group", "source");
        const app::ResultAnswer grouped = app::tracksAnswer(
            spec("tracks", "validate", "tracks_comparison.csv", "T", options), comparison);
        const QJsonArray tracks = grouped.answer.value("tracks").toArray();
        QCOMPARE(tracks.size(), 3); // truth 1 and detected 1 are different tracks
        QCOMPARE(tracks.at(1).toObject().value("id").toString(), QString("detected 1"));
        QCOMPARE(metricValue(grouped.answer, "tracks (truth)"), QString("1"));
        QCOMPARE(metricValue(grouped.answer, "tracks (detected)"), QString("2"));
        QVERIFY(grouped.note.contains("detected, truth"));

        const QString run = makeRun("detect", {{"detections.csv", "time,lat,lon,confidence\n"
                                                                  "t0,12.5,-45,0.5\n"
                                                                  "t0,20,-60,0.9\n"
                                                                  "t1,13,-46,0.7\n"
                                                                  "t1,,,0.1\n"}});
        const app::ResultAnswer points = app::readResultAnswer(
            spec("points", "detect", "detections.csv", "Detected centres on msl",
                 {{"time", "time"},
                  {"lat", "lat"},
                  {"lon", "lon"},
                  {"value", "confidence"},
                  {"background", QJsonObject{{"from_input", "drivers.nc"}, {"variable", "msl"}}}}),
            QDir(run).filePath("outputs"));
        QCOMPARE(points.answer.value("points").toArray().size(), 3);
        QCOMPARE(points.answer.value("points").toArray().at(1).toObject().value("lat").toDouble(),
                 20.0);
        QCOMPARE(metricValue(points.answer, "time steps"), QString("2"));
        QCOMPARE(metricValue(points.answer, "largest confidence"), QString("0.9"));
        QCOMPARE(metricValue(points.answer, "rows without a position (not drawn)"), QString("1"));
        QVERIFY2(points.note.contains("background msl of the input's drivers.nc not drawn"),
                 qPrintable(points.note));
    }

    void convertsMetricsFiles() {
        const QString run =
            makeRun("metrics", {{"metrics.json", R"({"POD": 0.91, "FAR": 0.07, "matched": true})"},
                                {"model.json", R"({"format": "twinbench-model/1", "epochs": 12,
                                           "metrics": {"loss": 0.25, "accuracy": 0.9},
                                           "units": {"loss": "1"}})"},
                                {"broken.json", R"({"POD": 0.9,)"},
                                {"nested.json", R"({"bins": [1, 2], "about": {"a": 1}})"}});
        const QString outputs = QDir(run).filePath("outputs");
        const app::ResultAnswer metrics = app::readResultAnswer(
            spec("metrics_table", "validate", "metrics.json", "Scores"), outputs);
        const app::ExploreMetrics table = app::readMetricsAnswer(metrics.answer);
        QCOMPARE(table.header.title, QString("Scores"));
        QCOMPARE(table.metrics.size(), 3);
        QCOMPARE(table.metrics.at(1).name, QString("POD"));
        QCOMPARE(table.metrics.at(1).value, QString("0.91"));
        QCOMPARE(table.metrics.at(2).value, QString("yes"));
        // model.json: only what is under "metrics", with its units.
        const app::ExploreMetrics model = app::readMetricsAnswer(
            app::readResultAnswer(spec("metrics_table", "train", "model.json", "Model"), outputs)
                .answer);
        QCOMPARE(model.metrics.size(), 2);
        QCOMPARE(model.metrics.at(1).name, QString("loss"));
        QCOMPARE(model.metrics.at(1).units, QString("1"));
        const QString broken = thrownBy([&] {
            app::readResultAnswer(spec("metrics_table", "validate", "broken.json", "B"), outputs);
        });
        QVERIFY2(broken.startsWith("broken.json is not a JSON object of metrics"),
                 qPrintable(broken));
        const QString nested = thrownBy([&] {
            app::readResultAnswer(spec("metrics_table", "validate", "nested.json", "N"), outputs);
        });
        QVERIFY2(nested.startsWith("nested.json holds no metric values"), qPrintable(nested));
    }

    void convertsChartFiles() {
        const QString run = makeRun(
            "charts", {{"profiles.csv", "layer,reference_10-50,candidate_10-50,reference_50-100,"
                                        "candidate_50-100\n"
                                        "0,1,1.5,10,11\n1,2,2.5,20,21\n2,4,3,40,41\n"},
                       {"sampling_fraction.csv", "bin,sample,sampling_fraction\n"
                                                 "a,reference,0.0\na,candidate,0.75\n"
                                                 "a,reference,1.0\nb,reference,0.9\n"},
                       {"history.csv", "step,a,b,c\n0,1,2,3\n1,1,2,3\n"}});
        const QString outputs = QDir(run).filePath("outputs");
        const app::ResultAnswer profile = app::readResultAnswer(
            spec("line_chart", "validate", "profiles.csv", "Longitudinal profile",
                 {{"x", "layer"}, {"ratio_to", "reference"}, {"y_label", "mean energy (GeV)"}}),
            outputs);
        const viz::ComparisonSpec chart = app::readChartAnswer(profile.answer, profile.kind);
        QCOMPARE(chart.binEdges, (std::vector<double>{-0.5, 0.5, 1.5, 2.5}));
        QCOMPARE(chart.reference.label, QString("reference_10-50"));
        QCOMPARE(chart.generated.label, QString("candidate_10-50"));
        QCOMPARE(chart.generated.values, (std::vector<double>{1.5, 2.5, 3}));
        QCOMPARE(chart.yName, QString("mean energy (GeV)"));

        const app::ResultAnswer fractions = app::readResultAnswer(
            spec("histogram", "validate", "sampling_fraction.csv", "Sampling fraction",
                 {{"value", "sampling_fraction"},
                  {"group", "sample"},
                  {"facet", "bin"},
                  {"bins", 2}}),
            outputs);
        const viz::ComparisonSpec histogram =
            app::readChartAnswer(fractions.answer, fractions.kind);
        QCOMPARE(histogram.binEdges.size(), std::size_t(3));
        QCOMPARE(histogram.reference.label, QString("reference (2)")); // facet a only
        QCOMPARE(histogram.reference.values, (std::vector<double>{0.5, 0.5}));
        QCOMPARE(histogram.generated.values, (std::vector<double>{0.0, 1.0}));
        QVERIFY(
            app::readAnswerHeader(fractions.answer).conditions.contains("bin a, the first of 2"));

        const QString three = thrownBy([&] {
            app::readResultAnswer(spec("line_chart", "train", "history.csv", "H",
                                       {{"x", "step"}, {"series", QJsonArray{"a", "b", "c"}}}),
                                  outputs);
        });
        QVERIFY2(three.contains("history.csv") && three.contains("names 3 (a, b, c)"),
                 qPrintable(three));
    }

    void convertsOneShowerOfAVolumeFile() {
        // events x nx x ny x nz = 2 x 3 x 2 x 4, cell value 1000 e + 100 i + 10 j + k.
        const QString directory = QDir(m_runs.path()).filePath("showers/outputs");
        QDir().mkpath(directory);
        const QString path = QDir(directory).filePath("showers.h5");
        {
            data::Hdf5Writer writer(path.toStdString());
            writer.createDataset("/ECAL", data::Hdf5Writer::Type::Float32, {2, 3, 2, 4});
            writer.createDataset("/energy", data::Hdf5Writer::Type::Float64, {2});
            writer.setTextAttribute("/energy", "units", "GeV");
            std::vector<float> cells;
            for (int e = 0; e < 2; ++e) {
                for (int i = 0; i < 3; ++i) {
                    for (int j = 0; j < 2; ++j) {
                        for (int k = 0; k < 4; ++k) {
                            cells.push_back(static_cast<float>(1000 * e + 100 * i + 10 * j + k));
                        }
                    }
                }
            }
            writer.write("/ECAL", {0, 0, 0, 0}, {2, 3, 2, 4}, cells.data());
            const double energies[] = {57.5, 120.0};
            writer.write("/energy", {0}, {2}, energies);
            writer.commit();
        }
        sdk::ResultSpec volume = spec("volume", "simulate", "showers.h5", "One shower",
                                      {{"event_dimension", 0},
                                       {"conditions", QJsonArray{"energy"}},
                                       {"axes", QJsonArray{"x", "y", "layer"}}});
        volume.variable = "ECAL";
        volume.units = "GeV";
        const app::ResultAnswer answer = app::readResultAnswer(volume, directory);
        const app::ExploreVolumes read = app::readVolumeAnswer(answer.answer);
        QCOMPARE(read.header.conditions, QString("energy 57.5 GeV"));
        const viz::VolumeGrid& grid = read.volumes.front();
        QCOMPARE(grid.dims, (std::array<int, 3>{3, 2, 4}));
        QCOMPARE(grid.at(2, 1, 3), 213.0f); // event 0
        QCOMPARE(grid.at(1, 0, 2), 102.0f);
        QCOMPARE(grid.title, QString("ECAL, event 1 of 2"));
        volume.variable = "HCAL";
        const QString missing = thrownBy([&] { app::readResultAnswer(volume, directory); });
        QVERIFY2(missing.contains("showers.h5") && missing.contains("no variable 'HCAL'"),
                 qPrintable(missing));
    }

    void refusesACsvWithoutItsLatitudeColumn() {
        const QString run =
            makeRun("corrupt", {{"tracks.csv", "track_id,time,latitude,lon,wind_ms\n"
                                               "T1,t0,10,-50,20\n"},
                                {"bad_value.csv", "track_id,time,lat,lon,wind_ms\n"
                                                  "T1,t0,10,-50,20\n"
                                                  "T1,t1,north,-51,20\n"}});
        const QString outputs = QDir(run).filePath("outputs");
        const QString message = thrownBy([&] {
            app::readResultAnswer(spec("tracks", "track", "tracks.csv", "T", trackOptions()),
                                  outputs);
        });
        QCOMPARE(message, QString("tracks.csv has no column 'lat' (options.lat of the result "
                                  "spec); its columns are: track_id, time, latitude, lon, "
                                  "wind_ms"));
        const QString badValue = thrownBy([&] {
            app::readResultAnswer(spec("tracks", "track", "bad_value.csv", "T", trackOptions()),
                                  outputs);
        });
        QCOMPARE(badValue,
                 QString("bad_value.csv line 3, column 'lat': expected a number, got 'north'"));

        // In the view: said plainly above and in the figure, nothing half drawn.
        app::ResultView view;
        view.resize(700, 500);
        view.show();
        QSignalSpy shown(&view, &app::ResultView::resultShown);
        view.showResult("corrupt", run,
                        spec("tracks", "track", "tracks.csv", "Detected tracks", trackOptions()));
        QVERIFY(shown.wait(drawTimeoutMs));
        QCOMPARE(shown.first().at(0).toBool(), false);
        QVERIFY2(view.statusLabel()->text().contains("tracks.csv has no column 'lat'"),
                 qPrintable(view.statusLabel()->text()));
        QCOMPARE(view.answerView()->shownKind(), QString());
        QCOMPARE(view.windowTitle(), QString("Detected tracks — run corrupt"));
        saveScreenshot(view.grab().toImage(), "result-corrupt-csv");
    }

    void resultsListNamesExactlyTheResultsWhoseFileExists() {
        const QString run = makeRun("validate-run", {{"tracks_comparison.csv", diagonalTrack()},
                                                     {"metrics.json", R"({"POD": 1})"},
                                                     {"drivers.nc", "not this action's"}});
        widgets::RunDetails details;
        QSignalSpy refreshed(&details, &widgets::RunDetails::refreshed);
        details.showRun(record("validate-run", "validate", run));
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(details.resultList()->count(), 0);
        QVERIFY(details.resultsNote()->text().contains("Reading"));
        details.setModules({cycloneResults()});
        QCOMPARE(details.resultList()->count(), 2);
        QCOMPARE(details.resultList()->item(0)->text(),
                 QString("True vs detected tracks (tracks)"));
        QCOMPARE(details.resultList()->item(1)->text(),
                 QString("Detection and tracking scores (metrics_table)"));
        QVERIFY2(details.resultsNote()->text().contains("2 of 3") &&
                     details.resultsNote()->text().contains("detections.csv"),
                 qPrintable(details.resultsNote()->text()));

        // A file appearing later is listed after the next refresh.
        writeFile(QDir(run).filePath("outputs/detections.csv"), "time,lat,lon\nt0,1,2\n");
        details.showRun(std::nullopt);
        details.showRun(record("validate-run", "validate", run));
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(details.resultList()->count(), 3);

        // A module the catalog does not know: said so, nothing listed.
        runs::RunRecord other = record("other", "validate", run);
        other.moduleId = "wildfire";
        details.showRun(other);
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(details.resultList()->count(), 0);
        QVERIFY(
            details.resultsNote()->text().contains("wildfire is not in the plugin search path"));
    }

    void activatingATracksResultDrawsItOnAMap() {
        const QString run = makeRun("track-run", {{"tracks_comparison.csv", diagonalTrack()}});
        widgets::RunDetails details;
        details.setModules({cycloneResults()});
        QSignalSpy refreshed(&details, &widgets::RunDetails::refreshed);
        details.showRun(record("track-run", "validate", run));
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(details.resultList()->count(), 1);

        app::ResultView view;
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        connect(&details, &widgets::RunDetails::resultActivated, &view,
                &app::ResultView::showResult);
        QSignalSpy shown(&view, &app::ResultView::resultShown);
        emit details.resultList()->itemActivated(details.resultList()->item(0));
        QVERIFY(shown.wait(drawTimeoutMs));
        QVERIFY2(shown.first().at(0).toBool(), qPrintable(view.statusLabel()->text()));
        QCOMPARE(view.windowTitle(), QString("True vs detected tracks — run track-run"));
        app::AnswerView* answer = view.answerView();
        QCOMPARE(answer->shownKind(), QString("tracks"));
        QVERIFY(answer->page<app::TracksPage>("tracks")->mapView()->scene().captionText().contains(
            "wind_ms, 0 m s-1"));
        QCOMPARE(answer->page<app::TracksPage>("tracks")->metricsTable()->item(1, 1)->text(),
                 QString("11")); // track points

        QTest::qWait(300);
        const QImage image = answer->page<app::TracksPage>("tracks")->mapView()->grabFramebuffer();
        saveScreenshot(image, "result-tracks-map");
        saveScreenshot(view.grab().toImage(), "result-tracks-view");
        // The last segment (mean wind 95 of 100) is viridis' yellow where 30N 20W projects;
        // the first (mean 5) is its dark purple at 10N 50W; the middle of the map is not.
        const auto end =
            answer->page<app::TracksPage>("tracks")->mapView()->widgetPositionOf({-21.5, 29.0});
        const auto start =
            answer->page<app::TracksPage>("tracks")->mapView()->widgetPositionOf({-48.5, 11.0});
        QVERIFY(end && start);
        QVERIFY(colourNear(image, *end, [](const QColor& c) {
            return c.red() > 180 && c.green() > 180 && c.blue() < 100;
        }));
        QVERIFY(colourNear(image, *start, [](const QColor& c) {
            return c.red() < 110 && c.green() < 60 && c.blue() > 60;
        }));
        const auto elsewhere =
            answer->page<app::TracksPage>("tracks")->mapView()->widgetPositionOf({100.0, -40.0});
        QVERIFY(elsewhere);
        QVERIFY(!colourNear(image, *elsewhere, [](const QColor& c) {
            return c.red() > 180 && c.green() > 180 && c.blue() < 100;
        }));
    }

    void drawsEveryAnswerKind() {
        // Each converted answer is one AnswerView accepts and draws (the chart checks
        // its bins, the volume view its cells), with the points' note as the map caption.
        const QString run =
            makeRun("kinds", {{"detections.csv", "time,lat,lon,confidence\nt0,12.5,-45,0.5\n"
                                                 "t1,20,-60,0.9\n"},
                              {"metrics.json", R"({"POD": 0.91})"},
                              {"profiles.csv", "layer,reference_a,candidate_a\n0,1,1.5\n1,2,2.5\n"
                                               "2,4,3\n"},
                              {"fractions.csv", "sample,f\nreference,0.1\ncandidate,0.2\n"
                                                "reference,0.15\n"}});
        QDir().mkpath(QDir(run).filePath("outputs"));
        {
            data::Hdf5Writer writer(QDir(run).filePath("outputs/showers.h5").toStdString());
            writer.createDataset("/ECAL", data::Hdf5Writer::Type::Float32, {1, 8, 8, 6});
            std::vector<float> cells(8 * 8 * 6);
            for (std::size_t i = 0; i < cells.size(); ++i) {
                cells[i] = static_cast<float>(i % 7);
            }
            writer.write("/ECAL", {0, 0, 0, 0}, {1, 8, 8, 6}, cells.data());
            writer.commit();
        }
        sdk::ResultSpec volume = spec("volume", "simulate", "showers.h5", "One shower");
        volume.variable = "ECAL";
        const QList<std::pair<sdk::ResultSpec, QString>> cases{
            {spec("points", "detect", "detections.csv", "Detected centres",
                  {{"value", "confidence"}}),
             "tracks"},
            {spec("metrics_table", "validate", "metrics.json", "Scores"), "metrics_table"},
            {spec("line_chart", "validate", "profiles.csv", "Profile",
                  {{"x", "layer"}, {"ratio_to", "reference"}}),
             "line_chart"},
            {spec("histogram", "validate", "fractions.csv", "Fractions",
                  {{"value", "f"}, {"group", "sample"}, {"bins", 4}}),
             "histogram"},
            {volume, "volume"},
        };
        app::ResultView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (const auto& [result, drawnAs] : cases) {
            QSignalSpy shown(&view, &app::ResultView::resultShown);
            view.showResult("kinds", run, result);
            QVERIFY(shown.wait(drawTimeoutMs));
            QVERIFY2(shown.first().at(0).toBool(), qPrintable(view.statusLabel()->text()));
            QCOMPARE(view.answerView()->shownKind(), drawnAs);
            // A figure can be exported from every kind (a table as a picture of it).
            QVERIFY(view.answerView()->exportButton()->isEnabled());
            QTest::qWait(200);
            saveScreenshot(view.grab().toImage(), "result-" + result.kind);
        }
        view.showResult("kinds", run,
                        spec("points", "detect", "detections.csv", "Detected centres",
                             {{"value", "confidence"}}));
        QVERIFY(QTest::qWaitFor([&] { return !view.busy(); }, drawTimeoutMs));
        QCOMPARE(
            view.answerView()->page<app::TracksPage>("tracks")->mapView()->scene().captionText(),
            QString("Orange dots: 2 points of detections.csv, all 2 time steps at once"));
    }

    void spectrogramResultShowsOneFrameWithItsMask() {
        // Two frames over phase (degree) x frequency (GHz, descending, as the pulsar simulator
        // writes them), frequency last; frame 0 has a pulse at 100 degrees, masked.
        const QString run = makeRun("spectrogram", {});
        QDir().mkpath(QDir(run).filePath("outputs"));
        constexpr int frames = 2;
        constexpr int phases = 36;
        constexpr int channels = 24;
        {
            using Type = data::NetcdfWriter::Type;
            data::NetcdfWriter writer(QDir(run).filePath("outputs/frames.nc").toStdString());
            writer.addDimension("frame", frames);
            writer.addDimension("phase", phases);
            writer.addDimension("frequency", channels);
            writer.addVariable("phase", Type::Double, {"phase"});
            writer.setTextAttribute("phase", "units", "degree");
            writer.addVariable("frequency", Type::Double, {"frequency"});
            writer.setTextAttribute("frequency", "units", "GHz");
            writer.addVariable("frames", Type::Float, {"frame", "phase", "frequency"});
            writer.setTextAttribute("frames", "long_name", "Intensity");
            writer.addVariable("masks", Type::Short, {"frame", "phase", "frequency"});
            std::vector<double> phase(phases);
            std::vector<double> frequency(channels);
            std::vector<double> values(frames * phases * channels, 1.0);
            std::vector<double> masks(values.size(), 0.0);
            for (int p = 0; p < phases; ++p) {
                phase[p] = 10.0 * p;
            }
            for (int c = 0; c < channels; ++c) {
                frequency[c] = 0.849 - 0.025 * c;
                values[10 * channels + c] = 6.0; // frame 0, phase 100 degrees
                masks[10 * channels + c] = 1.0;
            }
            writer.write("phase", {0}, {phases}, phase.data());
            writer.write("frequency", {0}, {channels}, frequency.data());
            writer.write("frames", {0, 0, 0}, {frames, phases, channels}, values.data());
            writer.write("masks", {0, 0, 0}, {frames, phases, channels}, masks.data());
            writer.commit();
        }
        sdk::ResultSpec result =
            spec("spectrogram", "simulate", "frames.nc", "Simulated frames",
                 {{"mask_variable", "masks"}, {"mask_name", "predicted pulse"}});
        result.variable = "frames";
        app::ResultView view;
        view.resize(900, 640);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy shown(&view, &app::ResultView::resultShown);
        view.showResult("kinds", run, result);
        QVERIFY(shown.wait(drawTimeoutMs));
        QVERIFY2(shown.first().at(0).toBool(), qPrintable(view.statusLabel()->text()));
        QCOMPARE(view.answerView()->shownKind(), QStringLiteral("spectrogram"));
        auto* page = view.answerView()->page<app::SpectrogramPage>("spectrogram");
        const viz::SpectrogramData& drawn = page->view()->scene()->data();
        QCOMPARE(drawn.bins, phases);
        QCOMPARE(drawn.channels, channels);
        QCOMPARE(drawn.binUnits, QStringLiteral("degree"));
        QCOMPARE(drawn.frequencyUnits, QStringLiteral("GHz"));
        QVERIFY(drawn.frequencyStep < 0.0);
        QVERIFY2(drawn.title.contains("frame 1 of 2"), qPrintable(drawn.title));

        // The masked pulse is shaded red; a cell beside it is not.
        const int before = page->view()->frameCount();
        page->view()->update();
        QVERIFY(QTest::qWaitFor([&] { return page->view()->frameCount() > before; }, 5000));
        const QImage image = page->view()->grabFramebuffer();
        saveScreenshot(image, "result-spectrogram-mask");
        const auto masked =
            page->view()->widgetPositionOf(viz::SpectrogramScene::Panel::Waterfall, 100.0, 0.6);
        const auto clear =
            page->view()->widgetPositionOf(viz::SpectrogramScene::Panel::Waterfall, 200.0, 0.6);
        QVERIFY(masked && clear);
        const QColor maskedColour = image.pixelColor(masked->toPoint());
        const QColor clearColour = image.pixelColor(clear->toPoint());
        QVERIFY2(maskedColour.red() > maskedColour.green() + 40 &&
                     maskedColour.red() > maskedColour.blue() + 40,
                 qPrintable(maskedColour.name()));
        QVERIFY2(clearColour.red() < clearColour.blue() + 40, qPrintable(clearColour.name()));

        // The value under the cursor names the phase, frequency, value and the mask.
        const QString under = page->view()->describePosition(*masked);
        QVERIFY2(under.startsWith("phase 100 degree, frequency ") &&
                     under.contains("GHz: 6 (predicted pulse)"),
                 qPrintable(under));
        QCOMPARE(page->view()->describePosition(QPointF(-5, -5)), QString());
        QTest::mouseMove(page->view(), clear->toPoint());
        QTRY_VERIFY2(page->cursorLabel()->text().startsWith("phase 200 degree"),
                     qPrintable(page->cursorLabel()->text()));

        // Exported through the answer kind's formats: PNG pixels and SVG text; a video suffix
        // is refused naming the formats a spectrogram is written as.
        QVERIFY(view.answerView()->exportButton()->isEnabled());
        const QString png = QDir(m_runs.path()).filePath("frame.png");
        app::exportAnswerFigure(*view.answerView(), png, QSize(1000, 700));
        const QImage exported(png);
        QCOMPARE(exported.size(), QSize(1000, 700));
        int reddish = 0;
        for (int y = 0; y < exported.height(); y += 4) {
            for (int x = 0; x < exported.width(); x += 4) {
                const QColor c = exported.pixelColor(x, y);
                reddish += c.red() > c.green() + 40 && c.red() > c.blue() + 40 ? 1 : 0;
            }
        }
        QVERIFY2(reddish > 50, qPrintable(QString::number(reddish)));
        const QString svg = QDir(m_runs.path()).filePath("frame.svg");
        app::exportAnswerFigure(*view.answerView(), svg, QSize(1000, 700));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg") && svgText.contains("frequency (GHz)"));
        const QString video = QDir(m_runs.path()).filePath("frame.mp4");
        try {
            app::exportAnswerFigure(*view.answerView(), video, QSize(1000, 700));
            QFAIL("a video suffix was accepted for a figure");
        } catch (const std::exception& error) {
            QVERIFY2(QString(error.what()).contains("a spectrogram figure is written as .png"),
                     error.what());
        }
        QVERIFY(!QFile::exists(video));

        // A variable that is not a frame is refused, naming it.
        sdk::ResultSpec flat = result;
        flat.variable = "phase";
        QSignalSpy refused(&view, &app::ResultView::resultShown);
        view.showResult("kinds", run, flat);
        QVERIFY(refused.wait(drawTimeoutMs));
        QVERIFY2(view.statusLabel()->text().contains("frames.nc: 'phase' has 1 dimension(s)"),
                 qPrintable(view.statusLabel()->text()));
    }

    void mainWindowShowsMapsOnTheCellsMapAndOthersByTheirPageInTheCell() {
        const QString run = makeRun("window-run", {{"tracks.csv", diagonalTrack()}});
        QVERIFY(QFile::copy(app::ensureExampleDataset(), QDir(run).filePath("outputs/drivers.nc")));
        app::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        sdk::ResultSpec map = spec("map", "generate", "drivers.nc", "2 m temperature");
        map.variable = "t2m";
        map.colormap = "magma";
        QSignalSpy fieldShown(window.workspace(), &app::Workspace::fieldShown);
        window.runResults()->openResult("window-run", run, map);
        QVERIFY(fieldShown.wait(drawTimeoutMs));
        QCOMPARE(fieldShown.first().at(1).toString(), QString("t2m"));
        QVERIFY(window.workspace()->activeMapView() != nullptr);
        QCOMPARE(window.workspace()->activeMapView()->scene().colorMapName(), QString("magma"));

        window.runResults()->openResult(
            "window-run", run,
            spec("tracks", "track", "tracks.csv", "Detected tracks", trackOptions()));
        // Issue 21: the result opens in the active cell (it was a side dock).
        app::ResultView* view = window.runResults()->resultViewIn(window.workspace()->activeView());
        QVERIFY(view != nullptr);
        QCOMPARE(view->windowTitle(), QString("Detected tracks — run window-run"));
        QVERIFY(QTest::qWaitFor([&] { return !view->busy(); }, drawTimeoutMs));
        QCOMPARE(view->answerView()->shownKind(), QString("tracks"));
        QTest::qWait(300);
        saveScreenshot(window.grab().toImage(), "result-main-window");
    }
    void pointsResultFollowsTheTimeStepOnItsInputsBackground() {
        // A generate run "gen-run" with drivers.nc, and an infer run naming it as input whose
        // detections are at 06 UTC (15N 150E) and 12 UTC (25N 135E); 00 UTC has none.
        writeDriversFile(QDir(m_runs.path()).filePath("gen-run/outputs/drivers.nc"));
        const QString run =
            makeRun("infer-run", {{"detections.csv", "time,lat,lon,confidence,spread_north_km,"
                                                     "spread_east_km\n"
                                                     "2005-08-01 06:00:00,15,150,0.9,300,200\n"
                                                     "2005-08-01T12:00:00,25,135,0.8,250,250\n"
                                                     "2005-08-03 00:00:00,10,120,0.5,100,100\n"}});
        writeFile(QDir(run).filePath("spec.json"), inferSpecJson({"gen-run"}));
        sdk::ResultSpec detections =
            spec("points", "infer", "detections.csv", "CNN-detected centres on msl",
                 {{"time", "time"},
                  {"lat", "lat"},
                  {"lon", "lon"},
                  {"value", "confidence"},
                  {"ellipse_north_km", "spread_north_km"},
                  {"ellipse_east_km", "spread_east_km"},
                  {"background", QJsonObject{{"from_input", "drivers.nc"}, {"variable", "msl"}}}});
        detections.colormap = "viridis"; // no orange or black in it: the overlay's colours

        app::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy fieldShown(window.workspace(), &app::Workspace::fieldShown);
        window.runResults()->openResult("infer-run", run, detections);
        QVERIFY(fieldShown.wait(drawTimeoutMs));
        QCOMPARE(fieldShown.first().at(1).toString(), QString("msl"));
        QVERIFY(fieldShown.first().at(0).toString().endsWith("gen-run/outputs/drivers.nc"));
        viz::MapView* map = window.workspace()->activeMapView();
        QVERIFY(map != nullptr);
        // It starts at the first step with detections, 06 UTC (index 1).
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return window.workspace()->pendingWork() == 0 &&
                                map->scene().captionText().contains("at 2005-08-01 06:00:00");
                     },
                     drawTimeoutMs),
                 qPrintable(map->scene().captionText()));
        QCOMPARE(window.workspace()->timeSlider()->indices().at("time"), std::size_t(1));
        QVERIFY(map->scene().field() != nullptr);
        QCOMPARE(QString::fromStdString(map->scene().field()->variable), QString("msl"));
        const QString caption = map->scene().captionText();
        QVERIFY2(
            caption.contains("1 detection(s)") &&
                caption.contains("spread_north_km × spread_east_km") &&
                caption.contains("2 of 3 time steps") &&
                caption.contains(
                    "not drawn: 1 row(s) of detections.csv at times that drivers.nc does not have"),
            qPrintable(caption));

        const auto first = map->widgetPositionOf({150.0, 15.0});
        const auto firstEllipseTop = map->widgetPositionOf({150.0, 15.0 + 300.0 / 111.2});
        const auto second = map->widgetPositionOf({135.0, 25.0});
        const auto secondEllipseTop = map->widgetPositionOf({135.0, 25.0 + 250.0 / 111.2});
        QVERIFY(first && firstEllipseTop && second && secondEllipseTop);
        QTest::qWait(300);
        QImage image = map->grabFramebuffer();
        saveScreenshot(window.grab().toImage(), "result-points-on-background");
        const DrawnDetection at06{*first, *firstEllipseTop}, at12{*second, *secondEllipseTop};
        QVERIFY(showsOnly(image, at06, at12));

        // The user steps to 12 UTC: the other detection is drawn, the first one is gone.
        QVERIFY(window.workspace()->timeSlider()->setIndex("time", 2));
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return window.workspace()->pendingWork() == 0 &&
                                map->scene().captionText().contains("at 2005-08-01 12:00:00");
                     },
                     drawTimeoutMs),
                 qPrintable(map->scene().captionText()));
        QTest::qWait(300);
        image = map->grabFramebuffer();
        saveScreenshot(image, "result-points-on-background-12utc");
        QVERIFY(showsOnly(image, at12, at06));

        // 00 UTC has no detection: nothing drawn, the caption says so.
        QVERIFY(window.workspace()->timeSlider()->setIndex("time", 0));
        QVERIFY(QTest::qWaitFor(
            [&] { return map->scene().captionText().contains("at 2005-08-01 00:00:00: 0 "); },
            drawTimeoutMs));
        QTest::qWait(300);
        image = map->grabFramebuffer();
        QVERIFY(!colourNear(image, *first, isOverlayOrange));
        QVERIFY(!colourNear(image, *second, isOverlayOrange));
    }

    void pointsResultWithoutItsBackgroundSaysWhereItLooked() {
        const QString run =
            makeRun("orphan-run", {{"detections.csv", "time,lat,lon\n"
                                                      "2005-08-01 06:00:00,15,150\n"}});
        writeFile(QDir(run).filePath("spec.json"), inferSpecJson({"deleted-run"}));
        app::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.runResults()->openResult(
            "orphan-run", run,
            spec("points", "infer", "detections.csv", "Centres",
                 {{"background", QJsonObject{{"from_input", "drivers.nc"}, {"variable", "msl"}}}}));
        // Issue 21: drawn without its background in the active cell (it was a side dock).
        app::ResultView* view = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] {
                view = window.runResults()->resultViewIn(window.workspace()->activeView());
                return view != nullptr && !view->busy();
            },
            drawTimeoutMs));
        QCOMPARE(view->windowTitle(), QString("Centres — run orphan-run"));
        const QString caption =
            view->answerView()->page<app::TracksPage>("tracks")->mapView()->scene().captionText();
        const QString expected = QDir::cleanPath(m_runs.path() + "/deleted-run/outputs/drivers.nc");
        QVERIFY2(caption.contains("background msl of the input's drivers.nc not drawn: "
                                  "drivers.nc not found among the run's inputs (looked for " +
                                  expected + ")"),
                 qPrintable(caption));
        QVERIFY(window.workspace()->activeMapView() == nullptr); // no map without the background
    }
};

QTEST_MAIN(ResultViewsTest)
#include "ResultViewsTest.moc"
