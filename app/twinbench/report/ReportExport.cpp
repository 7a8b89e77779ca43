// Reading a run for its report: spec, status, metrics, provenance, and a figure of each
// dataset output that holds a lon/lat field.
#include "report/ReportExport.h"

#include "export/FigureExport.h"
#include "export/FigurePanels.h"
#include "export/OffscreenFigureWindow.h"
#include "export/formats/ExportFormats.h"
#include "report/ReportFormatting.h"
#include "report/ReportModelSection.h"
#include "support/DatasetFiles.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
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
#include <QTemporaryDir>
#include <QTextDocument>

#include <algorithm>
#include <map>

namespace twins::app {

namespace {
// A report is read, not scrolled through: the first few maps say enough, and each costs a
// render.
constexpr int maximumFigures = 8;
constexpr int maximumFiguresPerOutput = 2;
// Above this many cells a field's SVG (one path per cell) outgrows its PNG many times over.
constexpr std::size_t maximumSvgCells = 20000;

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

// One map figure of a variable, or an empty title with *why set when it cannot be one.
RunReport::Figure renderFigure(const data::Dataset& dataset, const data::DatasetVariable& variable,
                               QSize size, QString* why) {
    FigureRequest request;
    request.inputPath = QString::fromStdString(dataset.path());
    request.variable = QString::fromStdString(variable.path);
    request.size = size;
    RunReport::Figure figure;
    try {
        FigurePanels panels(request);
        const auto dimensions = figureDimensions(dataset, request);
        const FigureFrameData frame = readFigureFrame(dataset, request, dimensions, {});
        panels.show(frame);
        OffscreenFigureWindow window(panels, size);
        figure.image = window.renderImage();
        figure.title = panels.mainScene().titleText().section(QLatin1Char('\n'), 0, 0);
        figure.source = QStringLiteral("%1, variable %2")
                            .arg(QFileInfo(request.inputPath).fileName(), request.variable);
        if (frame.field->width * frame.field->height <= maximumSvgCells) {
            QTemporaryDir directory;
            const QString svgPath = directory.filePath(QStringLiteral("figure.svg"));
            window.writeVector(svgPath, panels.title());
            QFile svg(svgPath);
            if (svg.open(QIODevice::ReadOnly)) {
                figure.svg = svg.readAll();
            }
        }
    } catch (const FigureExportError& error) {
        *why = QString::fromUtf8(error.what());
        return {};
    }
    return figure;
}

void addFigures(const QString& outputsPath, QSize size, RunReport& report,
                const ReportProgress& progress) {
    for (const QString& path : datasetOutputs(outputsPath)) {
        const QString relative = QDir(outputsPath).relativeFilePath(path);
        if (report.figures.size() >= maximumFigures) {
            report.notes << QStringLiteral("%1: not shown, the report has %2 figures already")
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
            if (shown >= maximumFiguresPerOutput || report.figures.size() >= maximumFigures) {
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
            if (progress && !progress(QStringLiteral("Rendering %1 of %2")
                                          .arg(QString::fromStdString(variable->path), relative))) {
                throw FigureExportError("report export cancelled");
            }
            QString why;
            RunReport::Figure figure = renderFigure(*dataset, *variable, size, &why);
            if (figure.image.isNull()) {
                reasons << QString::fromStdString(variable->name) + QStringLiteral(": ") + why;
                continue;
            }
            report.figures << figure;
            ++shown;
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
        addFigures(run.outputsPath(), figureSize, report, progress);
        addLineageAndModelCard(run.path(), report);
    } catch (const FigureExportError&) {
        throw;
    } catch (const std::exception& error) {
        throw FigureExportError(error.what());
    }
    return report;
}

} // namespace twins::app
