// `twinbench --export-result` (issue 21 item 4) on real runs of the shipped twins at their
// smallest settings, made by the worker here: every result declared by cyclone's generate,
// detect, track and validate, by calogan's simulate and validate (two simulate runs compared)
// and by pulsar's simulate (a frame with its mask) is rendered headless, and each picture is
// checked: not blank, the kind's colours where they belong. Also the failures: an unknown run, a
// result the action does not declare, a format the command does not write. (Results of train, infer
// and generate need a trained model: the twins' own tests and acceptance scripts cover those.)
// The run reports of cyclone generate and calogan validate have a figure per declared result,
// in describe order (HTML captions and embedded pictures; the PDF's image objects).
#include "twinbench/runs/RunId.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <tuple>

namespace {

struct Outcome {
    int exitCode = -1;
    QString output;
    QString errors;
};

} // namespace

class ExportResultTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();

    Outcome run(const QString& program, const QStringList& arguments) {
        QProcess process;
        process.setProcessEnvironment(m_environment);
        process.start(program, arguments);
        Outcome outcome;
        if (process.waitForFinished(180000) && process.exitStatus() == QProcess::NormalExit) {
            outcome.exitCode = process.exitCode();
        }
        outcome.output = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
        outcome.errors = QString::fromUtf8(process.readAllStandardError());
        return outcome;
    }

    // A finished run's id; fails the test when the worker does not succeed.
    QString submit(const QStringList& arguments) {
        const Outcome outcome = run(TWINBENCH_WORKER_EXECUTABLE,
                                    QStringList{"run"} + arguments + QStringList{"--wait"});
        const QString id = outcome.output.section('\n', 0, 0).trimmed();
        if (outcome.exitCode != 0 || !twins::runs::isRunId(id)) {
            qWarning("worker %s: %s", qPrintable(arguments.join(' ')), qPrintable(outcome.errors));
            return {};
        }
        return id;
    }

    QImage exportResult(const QString& runId, int result, const QString& name) {
        const QString path = m_root.filePath(name);
        const Outcome outcome =
            run(TWINBENCH_GUI_EXECUTABLE, {"--export-result", path, "--run", runId, "--result",
                                           QString::number(result), "--size", "900x600"});
        if (outcome.exitCode != 0) {
            qWarning("--export-result %s %d: %s", qPrintable(runId), result,
                     qPrintable(outcome.errors));
            return {};
        }
        QImage image(path);
        const QString shots = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
        QDir().mkpath(shots);
        image.save(shots + QStringLiteral("/export-result-") + name);
        return image;
    }

    // Share of pixels (every 3rd) matching `test`.
    static double share(const QImage& image, const std::function<bool(const QColor&)>& test) {
        qsizetype matching = 0;
        qsizetype all = 0;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width(); x += 3) {
                matching += test(image.pixelColor(x, y)) ? 1 : 0;
                ++all;
            }
        }
        return static_cast<double>(matching) / static_cast<double>(all);
    }

    static bool dark(const QColor& c) { return c.lightness() < 90; }
    // Not white, grey or black (pale diverging colours included).
    static bool coloured(const QColor& c) {
        return std::max({c.red(), c.green(), c.blue()}) - std::min({c.red(), c.green(), c.blue()}) >
               20;
    }

    // Not blank: text or lines, and not one flat colour.
    static void verifyDrawn(const QImage& image, const QString& what) {
        QVERIFY2(!image.isNull(), qPrintable(what + ": no picture"));
        QCOMPARE(image.size(), QSize(900, 600));
        QVERIFY2(share(image, dark) > 0.002, qPrintable(what + ": no text or lines"));
    }

    // `twinbench --export-report` of the run as HTML and PDF: "Figure N. <title>." with an
    // embedded picture for each declared result, in order, and no more; at least a picture per
    // figure in the PDF (plus the lineage's, when the run has inputs).
    void verifyReportFigures(const QString& runId, const QStringList& titles, bool hasInputs,
                             const QString& name) {
        const QString html = m_root.filePath(name + ".html");
        const Outcome written =
            run(TWINBENCH_GUI_EXECUTABLE, {"--export-report", html, "--run", runId});
        QVERIFY2(written.exitCode == 0, qPrintable(written.errors));
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(file.readAll());
        for (int i = 0; i < titles.size(); ++i) {
            const QString caption = QStringLiteral("Figure %1. %2.").arg(i + 1).arg(titles[i]);
            QVERIFY2(page.contains(caption), qPrintable(name + ": no '" + caption + "'"));
        }
        QVERIFY2(!page.contains(QStringLiteral("Figure %1.").arg(titles.size() + 1)),
                 qPrintable(name + ": more figures than declared results"));
        QVERIFY2(!page.contains("not drawn"), qPrintable(name + ": a result was not drawn"));
        static const QRegularExpression picture(
            QStringLiteral("<div class=\"figure\"><img "
                           "src=\"data:image/(png|svg\\+xml);base64,[A-Za-z0-9+/=]{500,}"));
        QCOMPARE(page.count(picture), titles.size() + (hasInputs ? 1 : 0)); // + the lineage

        const QString pdf = m_root.filePath(name + ".pdf");
        const Outcome printed =
            run(TWINBENCH_GUI_EXECUTABLE, {"--export-report", pdf, "--run", runId});
        QVERIFY2(printed.exitCode == 0, qPrintable(printed.errors));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdfFile.readAll();
        // At least one picture per figure and the lineage's (the VVUQ section may add its own).
        const int images = int(bytes.count("/Subtype /Image"));
        QVERIFY2(images >= int(titles.size()) + (hasInputs ? 1 : 0),
                 qPrintable(name + ": " + QString::number(images) + " images in the PDF"));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_root.isValid());
        m_environment.insert("TWINBENCH_RUNS_DIR", m_root.filePath("runs"));
    }

    void cycloneResults() {
        const QString generate =
            submit({"cyclone", "generate", "--set", "period=2017-09-01/2017-09-04", "--set",
                    "resolution=2.5"});
        QVERIFY(!generate.isEmpty());
        const QString detect = submit({"cyclone", "detect", "--input", generate});
        QVERIFY(!detect.isEmpty());
        const QString track = submit({"cyclone", "track", "--input", detect});
        QVERIFY(!track.isEmpty());
        const QString validate =
            submit({"cyclone", "validate", "--input", track, "--input", generate});
        QVERIFY(!validate.isEmpty());

        // Maps: a colour-mapped field (coloured viridis pixels) with coastlines.
        for (int result : {1, 2}) {
            const QImage map =
                exportResult(generate, result, QStringLiteral("gen-%1.png").arg(result));
            verifyDrawn(map, "generate map");
            QVERIFY2(share(map, coloured) > 0.05, "the map has no colour-mapped field");
        }
        // Tracks and points: a world map with a few coloured lines or dots.
        for (const auto& [runId, result, name] :
             {std::tuple{generate, 3, QStringLiteral("true-tracks.png")},
              std::tuple{detect, 1, QStringLiteral("detected-centres.png")},
              std::tuple{track, 1, QStringLiteral("detected-tracks.png")},
              std::tuple{validate, 1, QStringLiteral("validate-tracks.png")}}) {
            const QImage tracks = exportResult(runId, result, name);
            verifyDrawn(tracks, name);
            const double lines = share(tracks, coloured);
            QVERIFY2(lines > 0.0001 && lines < 0.05,
                     qPrintable(name + ": " + QString::number(lines)));
        }
        verifyReportFigures(
            generate, {"Mean sea level pressure", "850 hPa relative vorticity", "True tracks"},
            false, "cyclone-generate-report");
        // The scores table: text on white, no colour.
        const QImage scores = exportResult(validate, 2, QStringLiteral("scores.png"));
        verifyDrawn(scores, "scores");
        QCOMPARE(share(scores, coloured), 0.0);

        // What does not exist is named, with what does.
        const Outcome missing =
            run(TWINBENCH_GUI_EXECUTABLE,
                {"--export-result", m_root.filePath("x.png"), "--run", validate, "--result", "9"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.errors.contains("no result '9' in a cyclone validate run; its results "
                                         "are 1: True vs detected tracks (tracks); 2: "
                                         "Detection and tracking scores (metrics_table)"),
                 qPrintable(missing.errors));
        const Outcome video = run(TWINBENCH_GUI_EXECUTABLE,
                                  {"--export-result", m_root.filePath("x.mp4"), "--run", validate});
        QCOMPARE(video.exitCode, 1);
        QVERIFY2(video.errors.contains("must end in .png"), qPrintable(video.errors));
        const Outcome unknown =
            run(TWINBENCH_GUI_EXECUTABLE, {"--export-result", m_root.filePath("x.png"), "--run",
                                           "20240101T000000000Z-deadbeef"});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.errors.contains("unknown run '20240101T000000000Z-deadbeef'"),
                 qPrintable(unknown.errors));
    }

    void caloganResults() {
        const QString reference = submit({"calogan", "simulate", "--set", "events=40", "--set",
                                          "energies=100,150", "--set", "seed=1"});
        QVERIFY(!reference.isEmpty());
        const QString candidate = submit({"calogan", "simulate", "--set", "events=40", "--set",
                                          "energies=100,150", "--set", "seed=2"});
        QVERIFY(!candidate.isEmpty());
        const QString validate = submit({"calogan", "validate", "--input", reference, "--input",
                                         candidate, "--set", "energy_bins=100,150"});
        QVERIFY(!validate.isEmpty());
        // A volume: a coloured shower core.
        const QImage shower = exportResult(reference, 1, QStringLiteral("shower.png"));
        verifyDrawn(shower, "shower");
        QVERIFY2(share(shower, coloured) > 0.002, "no shower drawn");
        // Profile and sampling-fraction charts: two coloured series; the summary table.
        for (int result : {1, 2}) {
            const QImage chart =
                exportResult(validate, result, QStringLiteral("validate-%1.png").arg(result));
            verifyDrawn(chart, "validate chart");
            QVERIFY2(share(chart, coloured) > 0.001, "no series drawn");
        }
        const QImage summary = exportResult(validate, 3, QStringLiteral("validate-3.png"));
        verifyDrawn(summary, "validate summary");
        verifyReportFigures(validate,
                            {"Longitudinal profile, reference vs candidate",
                             "Sampling fraction (deposited / primary)",
                             "Physics validation summary"},
                            true, "calogan-validate-report");
    }

    void pulsarResults() {
        const QString simulate =
            submit({"pulsar", "simulate", "--set", "frames=2", "--set", "channels=128", "--set",
                    "pulsar_fraction=1", "--set", "snr_min=40", "--set", "snr_max=60"});
        QVERIFY(!simulate.isEmpty());
        const QImage frame = exportResult(simulate, 1, QStringLiteral("pulsar-frame.png"));
        verifyDrawn(frame, "pulsar frame");
        QVERIFY2(share(frame, coloured) > 0.1, "no waterfall drawn");
        // The mask is shaded red over the waterfall: reddish pixels where the pulse is.
        QVERIFY2(share(frame,
                       [](const QColor& c) {
                           return c.red() > c.green() + 50 && c.red() > c.blue() + 50;
                       }) > 0.001,
                 "no mask shading");
    }
};

QTEST_MAIN(ExportResultTest)
#include "ExportResultTest.moc"
