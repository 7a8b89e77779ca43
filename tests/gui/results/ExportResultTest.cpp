// `twinbench --export-result` (issue 21 item 4, and its acceptance) on real runs of every
// shipped twin at their smallest settings, made by the worker here (SmallestChains.h): every
// result spec that `twinbench-run describe --json` lists for each twin of `twinbench-run
// modules` is rendered headless, and each picture is checked by the pixels its kind must have
// (ResultPixels.h): maps, uncertainty, volumes and spectrograms in their declared colour map
// (its colour bar from first to last colour, a filled patch of it left of the bar), tracks and
// points as a few coloured marks, charts with their series, tables as text (the simulated
// pulsar frame with its mask shaded red). A twin that declares a result of an action the test
// makes no run of, or of a kind the test has no check for, fails the test: new results are
// covered when they are declared. Also the failures (an unknown run, a result the action does
// not declare, a format the command does not write), and the run reports of cyclone generate
// and calogan validate: a figure per declared result, in describe order (HTML captions and
// embedded pictures; the PDF's image objects).
//
// The four twins' runs are made two chains at a time and the pictures rendered two at a time,
// so the test takes about half the time of one after the other on a 2-core machine.
#include "ResultPixels.h"
#include "SmallestChains.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

using twins::testing::ProcessOutcome;
using twins::testing::TwinChain;

namespace {

const QSize pictureSize(900, 600);

// One result spec of `twinbench-run describe --json`, with its number among its action's.
struct DeclaredResult {
    QString twin;
    QString action;
    int number = 0; // from 1, in describe order among the action's results
    QJsonObject spec;
    QString kind() const { return spec.value("kind").toString(); }
    QString title() const { return spec.value("title").toString(); }
    QString key() const { return QStringLiteral("%1 %2 #%3").arg(twin, action).arg(number); }
};

struct Rendering {
    DeclaredResult result;
    QString runId;
    QProcessEnvironment environment;
    QString path;
    QString failure; // why there is no picture
};

} // namespace

class ExportResultTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;
    QMap<QString, TwinChain> m_chains;
    QList<DeclaredResult> m_results;
    QMap<QString, Rendering> m_rendered; // by DeclaredResult::key()
    QThreadPool m_pool;

    QProcessEnvironment environment(const QString& twin) const {
        return m_chains.value(twin).worker->environment();
    }
    QString runOf(const QString& twin, const QString& step) const {
        return m_chains.value(twin).runs.value(step);
    }

    ProcessOutcome gui(const QStringList& arguments, const QString& twin) const {
        return twins::testing::runProcess(TWINBENCH_GUI_EXECUTABLE, arguments, 180000,
                                          environment(twin));
    }

    // Every shipped twin's declared results, in describe order.
    static QList<DeclaredResult> declaredResults(const QProcessEnvironment& environment) {
        QList<DeclaredResult> results;
        const ProcessOutcome modules = twins::testing::runProcess(
            TWINBENCH_WORKER_EXECUTABLE, {"modules", "--json"}, 60000, environment);
        for (const QJsonValue& module :
             QJsonDocument::fromJson(modules.output).object().value("modules").toArray()) {
            const QString twin = module.toObject().value("id").toString();
            const ProcessOutcome describe = twins::testing::runProcess(
                TWINBENCH_WORKER_EXECUTABLE, {"describe", twin, "--json"}, 60000, environment);
            QMap<QString, int> perAction;
            for (const QJsonValue& value :
                 QJsonDocument::fromJson(describe.output).object().value("results").toArray()) {
                DeclaredResult result;
                result.twin = twin;
                result.spec = value.toObject();
                result.action = result.spec.value("action").toString();
                result.number = ++perAction[result.action];
                results << result;
            }
        }
        return results;
    }

    static void render(Rendering& rendering) {
        const ProcessOutcome outcome = twins::testing::runProcess(
            TWINBENCH_GUI_EXECUTABLE,
            {"--export-result", rendering.path, "--run", rendering.runId, "--result",
             QString::number(rendering.result.number), "--size",
             QStringLiteral("%1x%2").arg(pictureSize.width()).arg(pictureSize.height())},
            180000, rendering.environment);
        if (!outcome.succeeded()) {
            rendering.failure = QStringLiteral("--export-result exit %1: %2")
                                    .arg(outcome.exitCode)
                                    .arg(outcome.errors.right(2000));
        }
    }

    // The pixels a result of this kind must have; "" when they are there.
    static QString checkPixels(const DeclaredResult& result, const QImage& image) {
        using namespace twins::testing;
        if (const QString drawn = drawnAtAll(image, pictureSize); !drawn.isEmpty()) {
            return drawn;
        }
        const QString kind = result.kind();
        const QString encoding = result.spec.value("options")
                                     .toObject()
                                     .value("uncertainty_layer")
                                     .toObject()
                                     .value("encoding")
                                     .toString();
        if (kind == "map" && encoding == "vsup") {
            return vsupField(image, result.spec.value("colormap").toString());
        }
        if (kind == "map" && encoding == "hatch") {
            return colourMappedField(image, result.spec.value("colormap").toString(), 1);
        }
        if (kind == "map" || kind == "uncertainty") {
            return colourMappedField(image, result.spec.value("colormap").toString());
        }
        if (kind == "tracks" || kind == "points") {
            return fewColouredMarks(image);
        }
        if (kind == "line_chart" || kind == "histogram" || kind == "xy_curves") {
            return seriesDrawn(image);
        }
        if (kind == "metrics_table") {
            return textOnly(image);
        }
        if (kind == "volume") {
            // The slices and sums in the declared colour map, with its colour bar.
            return colourMappedField(image, result.spec.value("colormap").toString());
        }
        if (kind == "spectrogram") {
            const QString field =
                colourMappedField(image, result.spec.value("colormap").toString());
            if (!field.isEmpty() || result.action != "simulate") {
                return field;
            }
            // Every simulated frame has a pulsar here (pulsar_fraction=1): its truth mask is
            // shaded red over the waterfall.
            const double mask = pixelShare(image, isMaskShade);
            return mask > 0.001 ? QString()
                                : QStringLiteral("%1 of the frame shaded as mask").arg(share(mask));
        }
        return QStringLiteral("the test has no pixel check for results of kind '%1': add one "
                              "to ExportResultTest::checkPixels")
            .arg(kind);
    }

    const QImage picture(const QString& key) const {
        const QImage image(m_rendered.value(key).path);
        if (!image.isNull()) {
            const QString shots = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
            QDir().mkpath(shots);
            image.save(shots + "/export-result-" +
                       QFileInfo(m_rendered.value(key).path).fileName());
        }
        return image;
    }

    // `twinbench --export-report` of the run as HTML and PDF: "Figure N. <title>." with an
    // embedded picture for each declared result, in order, and no more; at least a picture per
    // figure in the PDF (plus the lineage's, when the run has inputs).
    void verifyReportFigures(const QString& twin, const QString& runId, const QStringList& titles,
                             bool hasInputs, const QString& name) {
        const QString html = m_root.filePath(name + ".html");
        const ProcessOutcome written = gui({"--export-report", html, "--run", runId}, twin);
        QVERIFY2(written.succeeded(), qPrintable(written.errors));
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
        const ProcessOutcome printed = gui({"--export-report", pdf, "--run", runId}, twin);
        QVERIFY2(printed.succeeded(), qPrintable(printed.errors));
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
        m_pool.setMaxThreadCount(2);
        m_chains = twins::testing::smallestChains();
        QList<TwinChain> chains = m_chains.values();
        QtConcurrent::blockingMap(&m_pool, chains, [](TwinChain& chain) { chain.makeRuns(); });
        for (const TwinChain& chain : chains) {
            m_chains.insert(chain.twin, chain);
            QVERIFY2(chain.failure.isEmpty(), qPrintable(chain.failure));
        }
        m_results = declaredResults(environment("cyclone"));
        QVERIFY(!m_results.isEmpty());

        QList<Rendering> renderings;
        for (const DeclaredResult& result : m_results) {
            const QString runId = runOf(result.twin, result.action);
            if (runId.isEmpty()) {
                continue; // reported by everyDeclaredResultHasARun
            }
            const QString file =
                QStringLiteral("%1-%2-%3.png").arg(result.twin, result.action).arg(result.number);
            renderings << Rendering{
                result, runId, environment(result.twin), m_root.filePath(file), {}};
        }
        QtConcurrent::blockingMap(&m_pool, renderings, &ExportResultTest::render);
        for (const Rendering& rendering : renderings) {
            m_rendered.insert(rendering.result.key(), rendering);
        }
    }

    // The coverage: a result declared for an action the chains make no run of is a failure
    // (add the action to the twin's chain in SmallestChains.h), as is a twin without a chain.
    void everyDeclaredResultHasARun() {
        QStringList missing;
        for (const DeclaredResult& result : m_results) {
            if (!m_rendered.contains(result.key())) {
                missing << QStringLiteral("%1 (%2 '%3')")
                               .arg(result.key(), result.kind(), result.title());
            }
        }
        QVERIFY2(missing.isEmpty(), qPrintable("declared but not rendered (no run of the action in "
                                               "SmallestChains.h): " +
                                               missing.join("; ")));
        QStringList twins;
        for (const DeclaredResult& result : m_results) {
            if (!twins.contains(result.twin)) {
                twins << result.twin;
            }
        }
        twins.sort();
        QCOMPARE(twins, (QStringList{"calogan", "cyclone", "pulsar", "wildfire"}));
        qInfo("%lld declared results of %lld twins rendered", qlonglong(m_results.size()),
              qlonglong(twins.size()));
    }

    void declaredResultPixels_data() {
        QTest::addColumn<QString>("key");
        for (const DeclaredResult& result : m_results) {
            QTest::newRow(qPrintable(result.key() + " " + result.kind())) << result.key();
        }
    }

    void declaredResultPixels() {
        QFETCH(QString, key);
        QVERIFY2(m_rendered.contains(key), "not rendered: see everyDeclaredResultHasARun");
        const Rendering& rendering = m_rendered[key];
        QVERIFY2(rendering.failure.isEmpty(), qPrintable(rendering.failure));
        const QString wrong = checkPixels(rendering.result, picture(key));
        QVERIFY2(wrong.isEmpty(),
                 qPrintable(QStringLiteral("%1 '%2' (%3): %4")
                                .arg(key, rendering.result.title(), rendering.path, wrong)));
    }

    void reportsHaveAFigurePerResult() {
        verifyReportFigures(
            "cyclone", runOf("cyclone", "generate"),
            {"Mean sea level pressure", "850 hPa relative vorticity", "True tracks"}, false,
            "cyclone-generate-report");
        verifyReportFigures("calogan", runOf("calogan", "validate"),
                            {"Longitudinal profile, reference vs candidate",
                             "Sampling fraction (deposited / primary)",
                             "Physics validation summary",
                             "Classifier two-sample test: ROC on held-out showers",
                             "Per-layer spread of the layer energy, candidate over reference "
                             "(target 0.8-1.25)"},
                            true, "calogan-validate-report");
    }

    // What does not exist is named, with what does.
    void failuresNameWhatExists() {
        const QString validate = runOf("cyclone", "validate");
        const ProcessOutcome missing =
            gui({"--export-result", m_root.filePath("x.png"), "--run", validate, "--result", "9"},
                "cyclone");
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.errors.contains("no result '9' in a cyclone validate run; its results "
                                         "are 1: True vs detected tracks (tracks); 2: "
                                         "Detection and tracking scores (metrics_table)"),
                 qPrintable(missing.errors));
        const ProcessOutcome video =
            gui({"--export-result", m_root.filePath("x.mp4"), "--run", validate}, "cyclone");
        QCOMPARE(video.exitCode, 1);
        QVERIFY2(video.errors.contains("must end in .png"), qPrintable(video.errors));
        const ProcessOutcome unknown = gui(
            {"--export-result", m_root.filePath("x.png"), "--run", "20240101T000000000Z-deadbeef"},
            "cyclone");
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.errors.contains("unknown run '20240101T000000000Z-deadbeef'"),
                 qPrintable(unknown.errors));
    }
};

QTEST_MAIN(ExportResultTest)
#include "ExportResultTest.moc"
