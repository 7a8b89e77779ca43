// The run monitor widgets: the runs table keeps selection across refreshes, filters by text and
// state, draws progress bars; the log tail follows a growing file; the metrics chart appends
// only new points; the parameter form is generated from a schema and validated by it; the
// launch dialog refuses bad values.
#include "twinbench/widgets/RunsPanel.h"

#include "GuiTestSupport.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunRegistry.h"
#include "twinbench/sdk/ModuleCatalog.h"
#include "twinbench/sdk/ParameterSchema.h"
#include "twinbench/sdk/TrainingDomain.h"
#include "twinbench/widgets/LaunchDialog.h"
#include "twinbench/widgets/LogTail.h"
#include "twinbench/widgets/MetricsChart.h"
#include "twinbench/widgets/ParameterForm.h"
#include "twinbench/widgets/RunDetails.h"
#include "twinbench/widgets/RunFilterModel.h"
#include "twinbench/widgets/RunTableModel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace twins;
using runs::RunRecord;
using runs::RunState;

namespace {

RunRecord makeRecord(const QString& id, RunState state, double progress,
                     const QString& module = QStringLiteral("testtwin")) {
    RunRecord record;
    record.id = id;
    record.moduleId = module;
    record.action = QStringLiteral("generate");
    record.backend = QStringLiteral("local");
    record.state = state;
    record.progress = progress;
    record.createdAt = QDateTime(QDate(2026, 11, 21), QTime(10, 0, 0), Qt::UTC);
    record.updatedAt = record.createdAt.addSecs(65);
    return record;
}

sdk::ParameterSchema exampleSchema() {
    const QJsonArray json = QJsonDocument::fromJson(R"([
        {"key": "size", "label": "Grid size", "type": "integer", "default": 16,
         "minimum": 2, "maximum": 4096, "help": "cells per side"},
        {"key": "amplitude", "type": "number", "unit": "K", "default": 1.0,
         "minimum": 0, "maximum": 100},
        {"key": "pattern", "type": "enum", "choices": ["gradient", "checker"],
         "default": "gradient"},
        {"key": "noisy", "type": "bool", "default": false},
        {"key": "note", "type": "string", "default": "x"}
    ])")
                                .array();
    return sdk::ParameterSchema::fromJson(json, QStringLiteral("test schema"));
}

} // namespace

class RunsPanelTest : public QObject {
    Q_OBJECT
private slots:
    void tableMergesRefreshesAndKeepsSelection() {
        widgets::RunsPanel panel;
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QList<RunRecord> runs{makeRecord(QStringLiteral("b"), RunState::Running, 0.25),
                              makeRecord(QStringLiteral("a"), RunState::Succeeded, 1.0)};
        panel.setRuns(runs);
        QCOMPARE(panel.tableModel()->rowCount(), 2);
        panel.selectRun(QStringLiteral("a"));
        QCOMPARE(panel.currentRunId(), QStringLiteral("a"));

        // A refresh with a new run on top and a changed state keeps the selection on "a".
        runs[0].state = RunState::Succeeded;
        runs[0].progress = 1.0;
        runs.prepend(makeRecord(QStringLiteral("c"), RunState::Queued, 0.0));
        QSignalSpy resets(panel.tableModel(), &QAbstractItemModel::modelReset);
        panel.setRuns(runs);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(panel.tableModel()->rowCount(), 3);
        QCOMPARE(panel.currentRunId(), QStringLiteral("a"));
        const QModelIndex state = panel.tableModel()->index(1, widgets::RunTableModel::StateColumn);
        QCOMPARE(state.data().toString(), QStringLiteral("succeeded"));
    }

    void filtersByTextAndState() {
        widgets::RunTableModel model;
        widgets::RunFilterModel filter;
        filter.setSourceModel(&model);
        model.setRuns(
            {makeRecord(QStringLiteral("r3"), RunState::Failed, 0.5, QStringLiteral("cyclone")),
             makeRecord(QStringLiteral("r2"), RunState::Running, 0.5),
             makeRecord(QStringLiteral("r1"), RunState::Succeeded, 1.0)});
        filter.setText(QStringLiteral("CYCL"));
        QCOMPARE(filter.rowCount(), 1);
        filter.setText(QString());
        filter.setStateFilter(QStringLiteral("active"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, 0).data(widgets::RunTableModel::RunIdRole).toString(),
                 QStringLiteral("r2"));
        filter.setStateFilter(QStringLiteral("succeeded"));
        QCOMPARE(filter.rowCount(), 1);
        filter.setStateFilter(QString());
        QCOMPARE(filter.rowCount(), 3);
    }

    void elapsedTimeFormats() {
        QCOMPARE(widgets::formatDuration(12), QStringLiteral("12 s"));
        QCOMPARE(widgets::formatDuration(245), QStringLiteral("4 min 05 s"));
        QCOMPARE(widgets::formatDuration(7380), QStringLiteral("2 h 03 min"));
        widgets::RunTableModel model;
        model.setRuns({makeRecord(QStringLiteral("done"), RunState::Succeeded, 1.0)});
        // A finished run's clock stops at its last update (65 s after creation).
        QCOMPARE(model.index(0, widgets::RunTableModel::ElapsedColumn).data().toString(),
                 QStringLiteral("1 min 05 s"));
    }

    void progressBarIsDrawnInTheCell() {
        widgets::RunsPanel panel;
        panel.resize(1000, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setRuns({makeRecord(QStringLiteral("full"), RunState::Running, 1.0),
                       makeRecord(QStringLiteral("empty"), RunState::Running, 0.0)});
        QTableView* table = panel.table();
        table->scrollTo(table->model()->index(0, widgets::RunTableModel::ProgressColumn));
        QTest::qWait(50);
        const QImage image = table->viewport()->grab().toImage();
        const QRect full =
            table->visualRect(table->model()->index(0, widgets::RunTableModel::ProgressColumn));
        const QRect empty =
            table->visualRect(table->model()->index(1, widgets::RunTableModel::ProgressColumn));
        QVERIFY2(table->viewport()->rect().contains(full.left() + 8, full.center().y()),
                 "the progress column is not visible");
        // The style fills a full bar with its highlight colour and leaves an empty one plain;
        // sample left of the centred percentage text.
        const QColor fullColour = image.pixelColor(full.left() + 8, full.center().y());
        const QColor emptyColour = image.pixelColor(empty.left() + 8, empty.center().y());
        QVERIFY2(fullColour != emptyColour,
                 qPrintable(QStringLiteral("full bar %1, empty bar %2")
                                .arg(fullColour.name(), emptyColour.name())));
        const QColor highlight = table->palette().color(QPalette::Highlight);
        QVERIFY2(
            twins::testing::colourNear(image, full.left() + 8, full.center().y(), highlight, 40),
            qPrintable(QStringLiteral("full bar %1, highlight %2")
                           .arg(fullColour.name(), highlight.name())));
    }

    void logTailFollowsAGrowingFile() {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("log.txt"));
        widgets::LogTail tail;
        tail.setPollInterval(20);
        tail.follow(path); // not there yet: nothing shown, no error
        QTest::qWait(60);
        QVERIFY(tail.toPlainText().isEmpty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Append));
        file.write("first line\nsecond ");
        file.flush();
        QSignalSpy appended(&tail, &widgets::LogTail::textAppended);
        QVERIFY(appended.wait(2000));
        QCOMPARE(tail.toPlainText(), QStringLiteral("first line"));
        file.write("half\n");
        file.flush();
        QVERIFY(appended.wait(2000));
        QCOMPARE(tail.toPlainText(), QStringLiteral("first line\nsecond half"));
    }

    void metricsChartAppendsOnlyNewPoints() {
        widgets::MetricsChart chart;
        QList<runs::MetricPoint> points;
        for (int step = 0; step < 5; ++step) {
            points.append({step, QStringLiteral("loss"), 1.0 / (step + 1), {}});
        }
        chart.setPoints(points);
        QCOMPARE(chart.pointCount(QStringLiteral("loss")), 5);
        points.append({5, QStringLiteral("loss"), 0.1, {}});
        points.append({5, QStringLiteral("val_loss"), 0.2, {}});
        chart.setPoints(points);
        QCOMPARE(chart.pointCount(QStringLiteral("loss")), 6);
        QCOMPARE(chart.metricNames(),
                 (QStringList{QStringLiteral("loss"), QStringLiteral("val_loss")}));
        chart.setPoints(points.mid(0, 2)); // a different, shorter file: start again
        QCOMPARE(chart.pointCount(QStringLiteral("loss")), 2);
    }

    void parameterFormIsGeneratedFromTheSchema() {
        widgets::ParameterForm form;
        form.setSchema(exampleSchema());
        auto* size = qobject_cast<QSpinBox*>(form.editorFor(QStringLiteral("size")));
        QVERIFY(size != nullptr);
        QCOMPARE(size->minimum(), 2);
        QCOMPARE(size->maximum(), 4096);
        QCOMPARE(size->value(), 16);
        auto* amplitude =
            qobject_cast<QDoubleSpinBox*>(form.editorFor(QStringLiteral("amplitude")));
        QVERIFY(amplitude != nullptr);
        QVERIFY(amplitude->suffix().contains(QStringLiteral("K")));
        auto* pattern = qobject_cast<QComboBox*>(form.editorFor(QStringLiteral("pattern")));
        QVERIFY(pattern != nullptr);
        QCOMPARE(pattern->count(), 2);
        QVERIFY(form.validationError().isEmpty());
        const QJsonObject values = form.values();
        QCOMPARE(values.value(QStringLiteral("size")).toInt(), 16);
        QCOMPARE(values.value(QStringLiteral("pattern")).toString(), QStringLiteral("gradient"));
        form.setValues(QJsonObject{{QStringLiteral("size"), 64},
                                   {QStringLiteral("pattern"), QStringLiteral("checker")}});
        QCOMPARE(size->value(), 64);
        QCOMPARE(pattern->currentText(), QStringLiteral("checker"));
    }

    void launchDialogBuildsTheRequestFromTheTestPlugin() {
        const auto catalog = sdk::ModuleCatalog::scan({QStringLiteral(TWINBENCH_TEST_PLUGIN_DIR)});
        QVERIFY2(catalog.find(QStringLiteral("testtwin")) != nullptr,
                 "testtwin plugin not found in TWINBENCH_TEST_PLUGIN_DIR");
        widgets::LaunchDialog dialog(catalog, {});
        auto* module = dialog.findChild<QComboBox*>(QStringLiteral("moduleBox"));
        auto* action = dialog.findChild<QComboBox*>(QStringLiteral("actionBox"));
        QVERIFY(module != nullptr && action != nullptr);
        module->setCurrentIndex(module->findData(QStringLiteral("testtwin")));
        action->setCurrentIndex(action->findData(QStringLiteral("generate")));
        QVERIFY(dialog.canLaunch());
        auto* size = qobject_cast<QSpinBox*>(dialog.form()->editorFor(QStringLiteral("size")));
        QVERIFY(size != nullptr);
        size->setValue(32);
        const widgets::LaunchRequest request = dialog.request();
        QCOMPARE(request.moduleId, QStringLiteral("testtwin"));
        QCOMPARE(request.action, QStringLiteral("generate"));
        QCOMPARE(request.parameters.value(QStringLiteral("size")).toInt(), 32);
        QCOMPARE(request.backend, QStringLiteral("local"));
        // Resubmit pre-fills everything.
        widgets::LaunchRequest earlier = request;
        earlier.parameters.insert(QStringLiteral("size"), 100);
        dialog.prefill(earlier);
        QCOMPARE(size->value(), 100);
    }

    void detailsShowLogMetricsOutputsAndProvenanceOfARunDirectory() {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("run1"));
        runs::RunSpec spec = runs::RunSpec::forCurrentBuild(
            QStringLiteral("testtwin"), QStringLiteral("generate"), QStringLiteral("local"));
        const auto run = runs::RunDirectory::create(path, QStringLiteral("run1"), spec);
        run.appendLog(QStringLiteral("hello from the run"));
        run.appendMetric(0, QStringLiteral("loss"), 2.0);
        run.appendMetric(1, QStringLiteral("loss"), 1.0);
        QFile output(run.outputsPath() + QStringLiteral("/field.nc"));
        QVERIFY(output.open(QIODevice::WriteOnly));
        output.write("x");
        output.close();
        RunRecord record = makeRecord(QStringLiteral("run1"), RunState::Running, 0.5);
        record.runDirectory = path;
        widgets::RunDetails details;
        QSignalSpy refreshed(&details, &widgets::RunDetails::refreshed);
        details.showRun(record);
        QVERIFY(refreshed.wait(3000));
        QCOMPARE(details.metricsChart()->pointCount(QStringLiteral("loss")), 2);
        QCOMPARE(details.outputList()->count(), 1);
        QCOMPARE(details.outputList()->item(0)->text(), QStringLiteral("field.nc"));
        QTRY_VERIFY_WITH_TIMEOUT(
            details.logTail()->toPlainText().contains(QStringLiteral("hello from the run")), 3000);
        QSignalSpy activated(&details, &widgets::RunDetails::outputActivated);
        emit details.outputList()->itemActivated(details.outputList()->item(0));
        QCOMPARE(activated.count(), 1);
        QVERIFY(activated.first().first().toString().endsWith(QStringLiteral("outputs/field.nc")));
    }

    // A run that asked its model for more than it was trained on says so above its results,
    // drawn (orange band on screen), and a run inside its domain shows no warning.
    void detailsWarnWhenARunLeftItsModelsTrainingDomain() {
        QTemporaryDir directory;
        const auto makeRun = [&](const QString& id, const QJsonObject& requested) {
            const QString path = directory.filePath(id);
            const auto run = runs::RunDirectory::create(
                path, id,
                runs::RunSpec::forCurrentBuild(QStringLiteral("testtwin"),
                                               QStringLiteral("predict"), QStringLiteral("local")));
            twins::sdk::writeDomainCheck(run.outputsPath(), QStringLiteral("fit-run"),
                                         QJsonObject{{"x", QJsonArray{0, 15}}}, requested);
            RunRecord record = makeRecord(id, RunState::Succeeded, 1.0);
            record.action = QStringLiteral("predict");
            record.runDirectory = path;
            return record;
        };
        const RunRecord outside = makeRun(QStringLiteral("out1"), {{"x", QJsonArray{0, 23}}});
        const RunRecord inside = makeRun(QStringLiteral("in1"), {{"x", QJsonArray{0, 7}}});
        widgets::RunDetails details;
        details.resize(520, 320);
        details.setCurrentWidget(details.resultList()->parentWidget());
        details.show();
        QVERIFY(QTest::qWaitForWindowExposed(&details));
        QSignalSpy refreshed(&details, &widgets::RunDetails::refreshed);
        details.showRun(outside);
        QVERIFY(refreshed.wait(3000));
        QVERIFY(details.domainWarning()->isVisible());
        QVERIFY2(details.domainWarning()->text().contains(
                     QStringLiteral("x: asked [0, 23], trained on [0, 15]")),
                 qPrintable(details.domainWarning()->text()));
        const QImage shot = details.grab().toImage();
        int orange = 0;
        for (int y = 0; y < shot.height(); ++y) {
            for (int x = 0; x < shot.width(); ++x) {
                orange += shot.pixelColor(x, y) == QColor(0xff, 0xe0, 0xb2) ? 1 : 0;
            }
        }
        QVERIFY2(orange > 2000, qPrintable(QString::number(orange)));
        details.showRun(inside);
        QVERIFY(refreshed.wait(3000));
        QVERIFY(!details.domainWarning()->isVisible());
    }
};

QTEST_MAIN(RunsPanelTest)
#include "RunsPanelTest.moc"
