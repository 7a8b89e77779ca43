#include "report/ReportLineage.h"

#include "report/ReportFormatting.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunId.h"
#include "twinbench/runs/RunRegistry.h"
#include "twinbench/runs/RunState.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace twins::app {

namespace {

// The run directory holding `path` (the directory itself, its outputs/ or a file below):
// the nearest ancestor with a spec.json.
std::optional<QString> runDirectoryOf(const QString& path) {
    QFileInfo info(path);
    QDir directory = info.isDir() ? QDir(info.absoluteFilePath()) : info.absoluteDir();
    for (int depth = 0; depth < 6; ++depth) {
        if (directory.exists(QStringLiteral("spec.json"))) {
            return directory.absolutePath();
        }
        if (!directory.cdUp()) {
            break;
        }
    }
    return std::nullopt;
}

QStringList outputHashes(const runs::RunDirectory& run) {
    QFile file(run.provenancePath());
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QJsonObject prov = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject entities = prov.value(QStringLiteral("entity")).toObject();
    QStringList hashes;
    const QString outputsPrefix = QStringLiteral("/outputs/");
    for (const QJsonValue& generated : prov.value(QStringLiteral("wasGeneratedBy")).toObject()) {
        const QString id = generated.toObject().value(QStringLiteral("prov:entity")).toString();
        const qsizetype at = id.indexOf(outputsPrefix);
        QJsonValue sha = entities.value(id).toObject().value(QStringLiteral("twinbench:sha256"));
        if (sha.isObject()) {
            sha = sha.toObject().value(QStringLiteral("$"));
        }
        if (at >= 0 && !sha.toString().isEmpty()) {
            hashes << QStringLiteral("%1 %2").arg(id.mid(at + outputsPrefix.size()),
                                                  sha.toString().left(16));
        }
    }
    hashes.sort();
    return hashes;
}

} // namespace

Lineage gatherLineage(const QString& runDirectory, const QString& registryPath, int maximumRuns) {
    Lineage lineage;
    const QString database =
        registryPath.isEmpty() ? runs::RunRegistry::defaultDatabasePath() : registryPath;
    std::optional<runs::RunRegistry> registry;
    QHash<QString, LineageNode> nodes; // by directory
    QStringList order;                 // directories, consumers before their inputs
    QStringList pending{QDir(runDirectory).absolutePath()};
    while (!pending.isEmpty()) {
        const QString directory = pending.takeFirst();
        if (nodes.contains(directory)) {
            continue;
        }
        if (nodes.size() >= maximumRuns) {
            lineage.truncated = true;
            break;
        }
        LineageNode node;
        try {
            const runs::RunDirectory run = runs::RunDirectory::open(directory);
            const runs::RunSpec spec = run.spec();
            node.runId = run.runId();
            node.directory = directory;
            node.moduleId = spec.moduleId;
            node.action = spec.action;
            node.state = runs::runStateName(run.status().state);
            QStringList parameters;
            for (auto it = spec.parameters.begin(); it != spec.parameters.end(); ++it) {
                parameters << QStringLiteral("%1=%2").arg(it.key(), formatJsonValue(it.value()));
            }
            node.parameters = parameters.join(QStringLiteral(", "));
            node.outputHashes = outputHashes(run);
            node.isModel = QFileInfo::exists(run.outputsPath() + QStringLiteral("/model.json"));
            for (const QString& input : spec.inputs) {
                std::optional<QString> source;
                if (runs::isRunId(input)) {
                    if (!registry && QFileInfo::exists(database)) {
                        registry.emplace(database);
                    }
                    if (const auto record = registry ? registry->find(input) : std::nullopt) {
                        source = QDir(record->runDirectory).absolutePath();
                    }
                } else {
                    source = runDirectoryOf(input);
                }
                if (!source) {
                    node.inputFiles << input;
                    if (runs::isRunId(input)) {
                        lineage.problems << QStringLiteral("input %1 of run %2: no such run in %3")
                                                .arg(input, node.runId, database);
                    }
                    continue;
                }
                node.inputRuns << *source; // directories for now, ids below
                pending << *source;
            }
        } catch (const std::exception& error) {
            lineage.problems << QString::fromUtf8(error.what());
            continue;
        }
        nodes.insert(directory, node);
        order << directory;
    }
    // Levels: inputs first. Ids replace directories; inputs not gathered (truncated) drop out.
    QHash<QString, int> level;
    std::function<int(const QString&, int)> levelOf = [&](const QString& directory, int depth) {
        if (level.contains(directory)) {
            return level.value(directory);
        }
        int deepest = -1;
        if (depth < 64) {
            for (const QString& input : nodes.value(directory).inputRuns) {
                if (nodes.contains(input)) {
                    deepest = std::max(deepest, levelOf(input, depth + 1));
                }
            }
        }
        level.insert(directory, deepest + 1);
        return deepest + 1;
    };
    for (const QString& directory : order) {
        LineageNode node = nodes.value(directory);
        node.level = levelOf(directory, 0);
        QStringList ids;
        for (const QString& input : node.inputRuns) {
            if (nodes.contains(input)) {
                ids << nodes.value(input).runId;
            }
        }
        node.inputRuns = ids;
        lineage.nodes << node;
    }
    // The run itself last, its ancestors by level (then by id, for a stable order).
    const LineageNode self = lineage.nodes.isEmpty() ? LineageNode{} : lineage.nodes.takeFirst();
    std::sort(lineage.nodes.begin(), lineage.nodes.end(), [](const auto& a, const auto& b) {
        return a.level != b.level ? a.level < b.level : a.runId < b.runId;
    });
    if (!self.runId.isEmpty()) {
        lineage.nodes << self;
    }
    return lineage;
}

QImage drawLineage(const Lineage& lineage, int width) {
    if (lineage.nodes.size() < 2) {
        return {};
    }
    int levels = 0;
    for (const LineageNode& node : lineage.nodes) {
        levels = std::max(levels, node.level + 1);
    }
    QList<QList<int>> rows(levels);
    for (int i = 0; i < lineage.nodes.size(); ++i) {
        rows[lineage.nodes[i].level] << i;
    }
    constexpr int margin = 12, gap = 18, boxHeight = 118, rowGap = 40;
    const int height = 2 * margin + levels * boxHeight + (levels - 1) * rowGap;
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QHash<QString, QRectF> boxes;
    for (int row = 0; row < levels; ++row) {
        const int count = int(rows[row].size());
        const double boxWidth = std::min(520.0, (width - 2.0 * margin - (count - 1) * gap) / count);
        const double total = count * boxWidth + (count - 1) * gap;
        double x = (width - total) / 2.0;
        for (int index : rows[row]) {
            boxes.insert(lineage.nodes[index].runId,
                         QRectF(x, margin + row * (boxHeight + rowGap), boxWidth, boxHeight));
            x += boxWidth + gap;
        }
    }
    painter.setPen(QPen(QColor(0x44, 0x44, 0x44), 2));
    for (const LineageNode& node : lineage.nodes) {
        const QRectF to = boxes.value(node.runId);
        for (const QString& input : node.inputRuns) {
            const QRectF from = boxes.value(input);
            const QPointF start(from.center().x(), from.bottom());
            const QPointF end(to.center().x(), to.top());
            painter.drawLine(start, end);
            const double angle = std::atan2(end.y() - start.y(), end.x() - start.x());
            QPainterPath head;
            head.moveTo(end);
            head.lineTo(end - QPointF(12 * std::cos(angle - 0.4), 12 * std::sin(angle - 0.4)));
            head.lineTo(end - QPointF(12 * std::cos(angle + 0.4), 12 * std::sin(angle + 0.4)));
            head.closeSubpath();
            painter.fillPath(head, QColor(0x44, 0x44, 0x44));
        }
    }
    QFont title(QStringLiteral("DejaVu Sans"));
    title.setPixelSize(22);
    title.setBold(true);
    QFont body(QStringLiteral("DejaVu Sans"));
    body.setPixelSize(18);
    for (int i = 0; i < lineage.nodes.size(); ++i) {
        const LineageNode& node = lineage.nodes[i];
        const QRectF box = boxes.value(node.runId);
        const bool self = i == lineage.nodes.size() - 1;
        painter.setPen(QPen(self ? QColor(0x15, 0x65, 0xc0) : QColor(0x66, 0x66, 0x66), 2));
        painter.setBrush(self           ? QColor(0xe3, 0xf2, 0xfd)
                         : node.isModel ? QColor(0xf3, 0xe5, 0xf5)
                                        : QColor(0xf5, 0xf5, 0xf5));
        painter.drawRoundedRect(box, 8, 8);
        const QRectF text = box.adjusted(8, 6, -8, -6);
        const QFontMetrics titleMetrics(title);
        const QFontMetrics bodyMetrics(body);
        painter.setPen(Qt::black);
        painter.setFont(title);
        painter.drawText(
            text.topLeft() + QPointF(0, titleMetrics.ascent()),
            titleMetrics.elidedText(QStringLiteral("%1 %2%3").arg(
                                        node.moduleId, node.action,
                                        node.isModel ? QStringLiteral(" (model)") : QString()),
                                    Qt::ElideRight, int(text.width())));
        painter.setFont(body);
        const QStringList lines{
            node.runId + QStringLiteral(" · ") + node.state,
            node.parameters.isEmpty() ? QStringLiteral("defaults") : node.parameters,
            node.outputHashes.isEmpty() ? QStringLiteral("no recorded outputs")
                                        : node.outputHashes.join(QStringLiteral("; "))};
        double y = text.top() + titleMetrics.height() + bodyMetrics.ascent() + 2;
        for (const QString& line : lines) {
            painter.drawText(QPointF(text.left(), y),
                             bodyMetrics.elidedText(line, Qt::ElideRight, int(text.width())));
            y += bodyMetrics.height();
        }
    }
    return image;
}

} // namespace twins::app
