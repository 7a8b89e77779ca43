// Reading a run for its report: spec, status, metrics, provenance, a figure of every result
// the run's action declares (through the answer-kind registry), and the fields of dataset
// outputs no result declares.
#include "report/ReportExport.h"

#include "answers/ResultFigure.h"
#include "export/FigureExport.h"
#include "export/formats/ExportFormats.h"
#include "report/ReportFormatting.h"
#include "report/ReportModelSection.h"
#include "support/DatasetFiles.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunId.h"
#include "twinbench/runs/RunRegistry.h"
#include "twinbench/runs/RunState.h"
#include "twinbench/sdk/BuildInfo.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

#include <algorithm>
#include <map>

namespace twins::app {

namespace {
// Declared results are all drawn. Of outputs no result declares, a report is read, not
// scrolled through: the first few maps say enough, and each costs a render.
constexpr int maximumFigures = 8;
constexpr int maximumFiguresPerOutput = 2;

// PROV-JSON literals are {"$": value, "type": ...} or plain strings.
QString provValue(const QJsonValue& value) {
    if (value.isObject() && value.toObject().contains(QStringLiteral("$"))) {
        return value.toObject().value(QStringLiteral("$")).toVariant().toString();
    }
    return value.toVariant().toString();
}

void readProvenance(const runs::RunDirectory& run, RunReport& report,
                    std::map<QString, QString>& shaOfOutput) {
    QFile file(run.provenancePath());
    if (!file.exists()) {
        report.provenanceNote = QStringLiteral("no prov.json: the run has not finished (state %1), "
                                               "so its provenance is not recorded yet")
                                    .arg(report.state);
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        throw FigureExportError("cannot read " + run.provenancePath().toStdString() + ": " +
                                file.errorString().toStdString());
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject()) {
        throw FigureExportError(
            run.provenancePath().toStdString() +
            " is not a PROV-JSON document: " + error.errorString().toStdString());
    }
    const QJsonObject prov = document.object();
    report.hasProvenance = true;
    for (const QJsonValue& agent : prov.value(QStringLiteral("agent")).toObject()) {
        report.provenanceAgent = provValue(agent.toObject().value(QStringLiteral("prov:label")));
    }
    const QJsonObject entities = prov.value(QStringLiteral("entity")).toObject();
    for (const QJsonValue& used : prov.value(QStringLiteral("used")).toObject()) {
        const QString id = used.toObject().value(QStringLiteral("prov:entity")).toString();
        const QJsonObject entity = entities.value(id).toObject();
        QString line = provValue(entity.value(QStringLiteral("prov:label")));
        if (line.isEmpty()) {
            line = id;
        }
        const QString sha = provValue(entity.value(QStringLiteral("twinbench:sha256")));
        if (!sha.isEmpty()) {
            line += QStringLiteral(" (SHA-256 %1)").arg(sha);
        }
        report.provenanceUsed << line;
    }
    const QString outputsPrefix = QStringLiteral("/outputs/");
    for (const QJsonValue& generated : prov.value(QStringLiteral("wasGeneratedBy")).toObject()) {
        ++report.provenanceGenerated;
        const QString id = generated.toObject().value(QStringLiteral("prov:entity")).toString();
        const qsizetype at = id.indexOf(outputsPrefix);
        if (at >= 0) {
            shaOfOutput[id.mid(at + outputsPrefix.size())] =
                provValue(entities.value(id).toObject().value(QStringLiteral("twinbench:sha256")));
        }
    }
}

void summariseMetrics(const runs::MetricsReading& reading, RunReport& report) {
    std::map<QString, RunReport::Metric> byName;
    for (const runs::MetricPoint& point : reading.points) {
        RunReport::Metric& metric = byName[point.name];
        if (metric.samples == 0) {
            metric.name = point.name;
            metric.minimum = metric.maximum = point.value;
        }
        ++metric.samples;
        metric.minimum = std::min(metric.minimum, point.value);
        metric.maximum = std::max(metric.maximum, point.value);
        if (metric.samples == 1 || point.step >= metric.lastStep) {
            metric.lastStep = point.step;
            metric.last = point.value;
        }
    }
    for (auto& [name, metric] : byName) {
        report.metrics << metric;
    }
    report.skippedMetricLines = reading.skippedLines;
}

// Dataset outputs: plain files by suffix and Zarr stores (directories named *.zarr).
QStringList datasetOutputs(const QString& outputsPath) {
    QStringList found;
    QDirIterator it(outputsPath, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (isDatasetPath(path)) {
            found << path;
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

RunReport::Figure reportFigure(const ResultFigure& drawn) {
    RunReport::Figure figure;
    figure.title = drawn.title;
    figure.source = drawn.source;
    figure.image = drawn.image;
    figure.svg = drawn.svg;
    return figure;
}

bool keepGoing(const ReportProgress& progress, const QString& step) {
    if (progress && !progress(step)) {
        throw FigureExportError("report export cancelled");
    }
    return true;
}

// Every result the run's action declares, drawn through the answer-kind registry as the GUI
// draws it; a result that cannot be drawn is named in the notes with the reason.
QStringList addDeclaredResults(const runs::RunSpec& spec, const QString& outputsPath, QSize size,
                               RunReport& report, const ReportProgress& progress) {
    QString why;
    const QList<sdk::ResultSpec> results = declaredResults(spec.moduleId, spec.action, &why);
    if (results.isEmpty()) {
        report.notes << QStringLiteral("No declared results: %1.").arg(why);
    }
    QStringList declaredOutputs;
    for (qsizetype i = 0; i < results.size(); ++i) {
        const sdk::ResultSpec& result = results[i];
        declaredOutputs << QDir::cleanPath(result.output);
        const QString title = result.title.isEmpty() ? result.output : result.title;
        keepGoing(progress, QStringLiteral("Rendering result %1 of %2: %3")
                                .arg(i + 1)
                                .arg(results.size())
                                .arg(title));
        try {
            report.figures << reportFigure(renderResultFigure(result, outputsPath, size));
        } catch (const FigureExportError& error) {
            report.notes << QStringLiteral("Result %1, %2 (%3): not drawn, %4")
                                .arg(i + 1)
                                .arg(title, result.kind, QString::fromUtf8(error.what()));
        }
    }
    return declaredOutputs;
}

// Dataset outputs no declared result covers (a twin without result specs, a file the specs
// do not name): their fields with 2 or more dimensions, on the registry's map kind.
void addUndeclaredFields(const QString& outputsPath, const QStringList& declaredOutputs, QSize size,
                         RunReport& report, const ReportProgress& progress) {
    int extraFigures = 0;
    for (const QString& path : datasetOutputs(outputsPath)) {
        const QString relative = QDir(outputsPath).relativeFilePath(path);
        if (declaredOutputs.contains(relative)) {
            continue;
        }
        if (extraFigures >= maximumFigures) {
            report.notes << QStringLiteral("%1: not shown, the report has %2 figures of "
                                           "undeclared outputs already")
                                .arg(relative)
                                .arg(maximumFigures);
            continue;
        }
        std::shared_ptr<const data::Dataset> dataset;
        try {
            dataset = data::openDataset(path.toStdString());
        } catch (const std::exception& error) {
            report.notes << QStringLiteral("%1: cannot be opened (%2)")
                                .arg(relative, QString::fromUtf8(error.what()));
            continue;
        }
        int shown = 0;
        QStringList reasons;
        for (const data::DatasetVariable* variable : dataset->variables()) {
            if (shown >= maximumFiguresPerOutput || extraFigures >= maximumFigures) {
                break;
            }
            // 2-D coordinates of curvilinear grids are not results.
            static const QStringList coordinateNames{
                QStringLiteral("lat"),       QStringLiteral("lon"),     QStringLiteral("latitude"),
                QStringLiteral("longitude"), QStringLiteral("nav_lat"), QStringLiteral("nav_lon")};
            if (variable->rank() < 2 || !variable->isNumeric() ||
                coordinateNames.contains(QString::fromStdString(variable->name).toLower())) {
                continue;
            }
            keepGoing(progress, QStringLiteral("Rendering %1 of %2")
                                    .arg(QString::fromStdString(variable->path), relative));
            const sdk::ResultSpec field =
                fieldResultSpec(relative, QString::fromStdString(variable->path));
            try {
                RunReport::Figure figure =
                    reportFigure(renderResultFigure(field, outputsPath, size));
                // Undeclared: the field's own title (long name, units) says what it is.
                figure.source = QStringLiteral("%1, variable %2")
                                    .arg(QFileInfo(relative).fileName(), field.variable);
                report.figures << figure;
                ++shown;
                ++extraFigures;
            } catch (const FigureExportError& error) {
                reasons << QString::fromStdString(variable->name) + QStringLiteral(": ") +
                               QString::fromUtf8(error.what());
            }
        }
        if (shown == 0) {
            report.notes << QStringLiteral("%1: no map figure (%2)")
                                .arg(relative, reasons.isEmpty()
                                                   ? QStringLiteral("no variable with 2 or more "
                                                                    "dimensions")
                                                   : reasons.join(QStringLiteral("; ")));
        }
    }
}

} // namespace

QString resolveRunDirectory(const QString& runDirectoryOrId) {
    const QFileInfo asPath(runDirectoryOrId);
    if (asPath.isDir() && QFileInfo::exists(asPath.absoluteFilePath() + "/spec.json")) {
        return asPath.absoluteFilePath();
    }
    const QString database = runs::RunRegistry::defaultDatabasePath();
    if (!runs::isRunId(runDirectoryOrId)) {
        throw FigureExportError("unknown run '" + runDirectoryOrId.toStdString() + "': " +
                                (asPath.exists() ? std::string("the directory has no spec.json")
                                                 : std::string("no such run directory")) +
                                ", and it is not a run id (like 20240515T101502123Z-3f9a1c2e)");
    }
    std::optional<runs::RunRecord> record;
    if (QFileInfo::exists(database)) {
        try {
            record = runs::RunRegistry(database).find(runDirectoryOrId);
        } catch (const std::exception& error) {
            throw FigureExportError("cannot look up run '" + runDirectoryOrId.toStdString() +
                                    "': " + error.what());
        }
    }
    if (!record) {
        throw FigureExportError("unknown run '" + runDirectoryOrId.toStdString() +
                                "': no run with that id in the registry " + database.toStdString());
    }
    return record->runDirectory;
}

RunReport gatherRunReport(const QString& runDirectory, QSize figureSize,
                          const ReportProgress& progress) {
    RunReport report;
    try {
        const runs::RunDirectory run = runs::RunDirectory::open(runDirectory);
        const runs::RunSpec spec = run.spec();
        const runs::RunStatus status = run.status();
        report.runId = run.runId();
        report.directory = run.path();
        report.moduleId = spec.moduleId;
        report.action = spec.action;
        report.backend = spec.backend;
        report.inputs = spec.inputs;
        report.specVersion =
            spec.twinbenchVersion + (spec.gitRevision.isEmpty()
                                         ? QString()
                                         : QStringLiteral(" (%1)").arg(spec.gitRevision));
        for (auto it = spec.parameters.begin(); it != spec.parameters.end(); ++it) {
            report.parameters << qMakePair(it.key(), formatJsonValue(it.value()));
        }
        report.state = runs::runStateName(status.state);
        report.detail = status.detail;
        report.startedAt = status.startedAt;
        report.finishedAt = status.finishedAt;
        summariseMetrics(run.metrics(), report);
        std::map<QString, QString> shaOfOutput;
        readProvenance(run, report, shaOfOutput);
        QDirIterator files(run.outputsPath(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            RunReport::Output output;
            output.relativePath = QDir(run.outputsPath()).relativeFilePath(path);
            output.bytes = QFileInfo(path).size();
            const auto sha = shaOfOutput.find(output.relativePath);
            output.sha256 = sha == shaOfOutput.end() ? QString() : sha->second;
            report.outputs << output;
        }
        std::sort(report.outputs.begin(), report.outputs.end(),
                  [](const auto& a, const auto& b) { return a.relativePath < b.relativePath; });
        for (const auto& [relative, sha] : shaOfOutput) {
            report.outputHashes << QStringLiteral("outputs/%1: %2").arg(relative, sha);
        }
        const QStringList declaredOutputs =
            addDeclaredResults(spec, run.outputsPath(), figureSize, report, progress);
        addUndeclaredFields(run.outputsPath(), declaredOutputs, figureSize, report, progress);
        addLineageAndModelCard(run.path(), report);
    } catch (const FigureExportError&) {
        throw;
    } catch (const std::exception& error) {
        throw FigureExportError(error.what());
    }
    return report;
}

} // namespace twins::app
