// Run reports: `twinbench --export-report OUT.html|OUT.pdf --run DIR_OR_ID` on a finished run
// directory made here (parameters, metrics, an output map, prov.json), and the same from the
// Runs controller of the main window. HTML: parameters, metric values, provenance and the
// embedded figure; PDF: a valid PDF whose text (decoded through its fonts' ToUnicode maps)
// holds the same; an unknown run exits non-zero with a clear message.
#include "ExportPdfParsing.h"
#include "MapTestFields.h"
#include "TwinbenchRun.h"
#include "shell/MainWindow.h"
#include "shell/actions/ExportReportAction.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/runs/Provenance.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunId.h"
#include "twinbench/runs/RunSpec.h"
#include "twinbench/viz/VtkVersion.h"

#include <QApplication>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
using twins::testing::Run;
using twins::testing::runTwinbench;

void writeMapOutput(const QString& path) {
    const auto field = twins::testing::quadrantField();
    twins::data::NetcdfWriter writer(path.toStdString());
    using Type = twins::data::NetcdfWriter::Type;
    writer.addDimension("latitude", field->height);
    writer.addDimension("longitude", field->width);
    writer.addVariable("latitude", Type::Double, {"latitude"});
    writer.setTextAttribute("latitude", "units", "degrees_north");
    writer.addVariable("longitude", Type::Double, {"longitude"});
    writer.setTextAttribute("longitude", "units", "degrees_east");
    writer.addVariable("burned_fraction", Type::Float, {"latitude", "longitude"});
    writer.setTextAttribute("burned_fraction", "units", "1");
    writer.setTextAttribute("burned_fraction", "long_name", "Predicted burned area fraction");
    writer.write("latitude", {0}, {field->height}, field->y.data());
    writer.write("longitude", {0}, {field->width}, field->x.data());
    writer.write("burned_fraction", {0, 0}, {field->height, field->width}, field->values.data());
    writer.commit();
}
} // namespace

class ReportExportTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;
    QString m_runDirectory;
    QString m_runId;

    QString output(const QString& name) const { return m_directory.filePath(name); }

    void checkHtml(const QString& path) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(file.readAll());
        for (const char* expected : {"learning_rate", "0.003", "epochs", "validation_loss", "0.125",
                                     "pod", "0.875", "Provenance", "prov.json", "field.nc",
                                     "Predicted burned area fraction", "Data: field.nc"}) {
            QVERIFY2(html.contains(QLatin1String(expected)),
                     qPrintable(QStringLiteral("the HTML report lacks '%1'").arg(expected)));
        }
        static const QRegularExpression embedded(
            QStringLiteral("<img src=\"data:image/(png|svg\\+xml);base64,[A-Za-z0-9+/=]{500,}"));
        QVERIFY2(html.contains(embedded), "no embedded figure in the HTML report");
        // The SHA-256 of the output, as recorded in prov.json, is listed.
        QVERIFY(html.contains(QRegularExpression(QStringLiteral("[0-9a-f]{64}"))));
    }

    void checkPdf(const QString& path) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto pdf = twins::testing::parsePdf(file.readAll());
        QVERIFY(pdf.valid);
        QVERIFY(pdf.fontObjects > 0);
        QVERIFY(pdf.textOperators > 20);
        const QString text = twins::testing::withoutSpaces(pdf.text);
        for (const char* expected :
             {"Parameters", "learning_rate", "validation_loss", "0.125", "Provenance", "Figure1"}) {
            QVERIFY2(text.contains(QLatin1String(expected)),
                     qPrintable(QStringLiteral("the PDF text lacks '%1'").arg(expected)));
        }
        // Table headers whole: narrow columns broke words inside cells ("Minimu m").
        for (const char* word : {"Minimum", "Maximum", "Samples", "validation_loss"}) {
            QVERIFY2(pdf.text.contains(QLatin1String(word)),
                     qPrintable(QStringLiteral("'%1' is split or missing in the PDF text: %2")
                                    .arg(QLatin1String(word), pdf.text.left(600))));
        }
        const double smallest = smallestFontPoints(pdf);
        QVERIFY2(smallest >= 8.0, qPrintable(QString::number(smallest)));
        // The figure is an image XObject.
        bool image = false;
        file.seek(0);
        image = file.readAll().contains("/Subtype /Image");
        QVERIFY2(image, "no image in the PDF report");
    }

    // The smallest font size shown, in points: Qt's writer scales its 300 dpi pixels to points
    // with one "cm" (0.24 0 0 -0.24 ...) and sets sizes in pixels with "Tf".
    static double smallestFontPoints(const twins::testing::PdfContent& pdf) {
        static const QRegularExpression scale(QStringLiteral("([0-9.]+) 0 0 -[0-9.]+ [0-9.]+ "
                                                             "[0-9.]+ cm"));
        static const QRegularExpression size(QStringLiteral("/F[0-9]+ ([0-9.]+) Tf"));
        double smallest = 1e9;
        for (const QByteArray& stream : pdf.streams) {
            const QString text = QString::fromLatin1(stream);
            const auto scaleMatch = scale.match(text);
            if (!scaleMatch.hasMatch()) {
                continue;
            }
            for (auto it = size.globalMatch(text); it.hasNext();) {
                smallest = std::min(smallest, it.next().captured(1).toDouble() *
                                                  scaleMatch.captured(1).toDouble());
            }
        }
        return smallest;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        m_runId = twins::runs::newRunId();
        m_runDirectory = m_directory.filePath(m_runId);
        auto spec = twins::runs::RunSpec::forCurrentBuild(
            QStringLiteral("wildfire"), QStringLiteral("train"), QStringLiteral("local"));
        spec.parameters.insert(QStringLiteral("learning_rate"), 0.003);
        spec.parameters.insert(QStringLiteral("epochs"), 12);
        const auto run = twins::runs::RunDirectory::create(m_runDirectory, m_runId, spec);
        run.changeState(twins::runs::RunState::Queued);
        run.changeState(twins::runs::RunState::Running);
        run.appendMetric(1, QStringLiteral("validation_loss"), 0.5);
        run.appendMetric(2, QStringLiteral("validation_loss"), 0.125);
        run.appendMetric(2, QStringLiteral("pod"), 0.875);
        QDir().mkpath(run.outputsPath());
        writeMapOutput(run.outputsPath() + QStringLiteral("/field.nc"));
        run.changeState(twins::runs::RunState::Succeeded, {}, 0);
        twins::runs::writeProvenance(run);
    }

    void htmlReportFromTheCommandLine() {
        const QString html = output(QStringLiteral("report.html"));
        const Run run = runTwinbench({"--export-report", html, "--run", m_runDirectory});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        checkHtml(html);
    }

    void pdfReportFromTheCommandLine() {
        const QString pdf = output(QStringLiteral("report.pdf"));
        const Run run = runTwinbench({"--export-report", pdf, "--run", m_runDirectory});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        checkPdf(pdf);
    }

    void reportOfAWorkerRunByItsId() {
        // A run the worker made, named by its id: looked up in the worker's own registry.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("TWINBENCH_RUNS_DIR", m_directory.filePath("worker-runs"));
        environment.insert("TWINBENCH_PLUGIN_PATH", TWINBENCH_TEST_PLUGIN_DIR);
        QProcess worker;
        worker.setProcessEnvironment(environment);
        worker.start(TWINBENCH_WORKER_EXECUTABLE,
                     {"run", "testtwin", "generate", "--set", "size=8", "--wait"});
        QVERIFY(worker.waitForFinished(60000));
        QVERIFY2(worker.exitCode() == 0, worker.readAllStandardError().constData());
        const QString id = QString::fromUtf8(worker.readAllStandardOutput()).trimmed();
        QVERIFY2(twins::runs::isRunId(id), qPrintable(id));
        const QString html = output(QStringLiteral("by-id.html"));
        const Run run = runTwinbench({"--export-report", html, "--run", id}, environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains(id.toUtf8()) && text.contains("field.nc"));
    }

    // A worker chain (generate -> fit -> predict beyond the fitted cells -> sum): the sum
    // run's PDF report draws its lineage back to the generator and carries the VVUQ card of the
    // model it used, with the extrapolation flagged.
    void reportDrawsLineageAndTheModelsCard() {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("TWINBENCH_RUNS_DIR", m_directory.filePath("chain-runs"));
        environment.insert("TWINBENCH_PLUGIN_PATH", TWINBENCH_TEST_PLUGIN_DIR);
        environment.insert("TWINBENCH_PLUGIN_PATH_ONLY", "1");
        const auto submit = [&](const QStringList& arguments) {
            QProcess worker;
            worker.setProcessEnvironment(environment);
            worker.start(TWINBENCH_WORKER_EXECUTABLE,
                         QStringList{"run", "testtwin"} + arguments + QStringList{"--wait"});
            worker.waitForFinished(60000);
            return QString::fromUtf8(worker.readAllStandardOutput()).trimmed();
        };
        const QString field = submit({"generate"});
        const QString model = submit({"fit", "--input", field});
        const QString predicted = submit({"predict", "--input", model, "--set", "size=24"});
        const QString sum = submit({"sum", "--input", predicted});
        QVERIFY2(twins::runs::isRunId(sum), qPrintable(sum));
        // The content through the HTML (the PDF lays out the same HTML; the test's PDF text
        // decoder does not map every font subset of Qt's writer), the layout through the PDF.
        const QString htmlPath = output(QStringLiteral("chain.html"));
        const Run html = runTwinbench({"--export-report", htmlPath, "--run", sum}, environment);
        QVERIFY2(html.exitCode == 0, qPrintable(html.standardError));
        QFile htmlFile(htmlPath);
        QVERIFY(htmlFile.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(htmlFile.readAll());
        for (const QString& expected :
             {QStringLiteral("<h2>Lineage</h2>"), QStringLiteral("testtwin generate run ") + field,
              QStringLiteral("testtwin fit run ") + model,
              QStringLiteral("testtwin predict run ") + predicted,
              QStringLiteral("<h2>Verification and validation</h2>"),
              QStringLiteral("This run used model ") + model, QStringLiteral("NOT FIT FOR PURPOSE"),
              QStringLiteral("Outside the model's training domain"),
              QStringLiteral("x: asked [0, 23], trained on [0, 15]")}) {
            QVERIFY2(page.contains(expected), qPrintable(expected));
        }
        static const QRegularExpression lineagePicture(
            QStringLiteral("<img src=\"data:image/png;base64,[A-Za-z0-9+/=]{500,}\" "
                           "width=\"[0-9]+\" height=\"[0-9]+\" alt=\"lineage\">"));
        QVERIFY2(page.contains(lineagePicture), "no lineage picture in the HTML report");

        const QString pdfPath = output(QStringLiteral("chain.pdf"));
        const Run run = runTwinbench({"--export-report", pdfPath, "--run", sum}, environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QFile file(pdfPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const auto pdf = twins::testing::parsePdf(bytes);
        QVERIFY(pdf.text.contains(QStringLiteral("Lineage")));
        QVERIFY2(bytes.contains("/Subtype /Image"), "no lineage picture in the PDF report");
        QVERIFY(smallestFontPoints(pdf) >= 8.0);
    }

    void unknownRunFailsClearly_data() {
        QTest::addColumn<QString>("run");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown id") << QStringLiteral("20240101T000000000Z-deadbeef")
                                    << QStringLiteral("unknown run '20240101T000000000Z-deadbeef'");
        QTest::newRow("not a run")
            << QStringLiteral("/no/such/run") << QStringLiteral("unknown run '/no/such/run'");
    }

    void unknownRunFailsClearly() {
        QFETCH(QString, run);
        QFETCH(QString, message);
        const QString html = output(QStringLiteral("never.html"));
        const Run result = runTwinbench({"--export-report", html, "--run", run});
        QVERIFY2(result.exitCode > 0, qPrintable(result.standardError));
        QVERIFY2(result.standardError.contains(message), qPrintable(result.standardError));
        QVERIFY(!QFile::exists(html));
    }

    void reportFromTheRunsController() {
        twins::app::MainWindow window;
        const QString pdf = output(QStringLiteral("gui-report.pdf"));
        auto* action = twins::app::ExportReportAction::start(window, m_runDirectory, pdf);
        QSignalSpy exported(action, &twins::app::ExportReportAction::finished);
        QVERIFY(exported.wait(60000));
        QVERIFY2(exported.first().at(1).toBool(), qPrintable(exported.first().at(2).toString()));
        checkPdf(pdf);
    }
};

int main(int argc, char** argv) {
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    ReportExportTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "ReportExportTest.moc"
