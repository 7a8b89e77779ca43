// The report as HTML (stand-alone with embedded figures, or with figure resources for the PDF).
#include "export/formats/ExportFormats.h"
#include "models/VvuqCardHtml.h"
#include "report/ReportExport.h"
#include "report/ReportFormatting.h"
#include "twinbench/sdk/BuildInfo.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

namespace twins::app {

namespace {

// Tables span the page: QTextDocument sizes columns to their content otherwise, and narrow
// columns broke words and numbers inside cells ("Minimu m", "0. 954424").
// In pixels of the document: QTextDocument took "100%" as a fraction of a narrower width on
// the PDF writer.
QString tableStart(int width) {
    return QStringLiteral("<table width=\"%1\" cellpadding=\"4\" cellspacing=\"0\" "
                          "border=\"1\">\n")
        .arg(width);
}

// Both sizes given: with the width alone QTextDocument kept the image's own height.
QString imageSize(const QImage& image, int width) {
    const int height = image.width() > 0 ? width * image.height() / image.width() : 0;
    return QStringLiteral("width=\"%1\" height=\"%2\"").arg(width).arg(height);
}

QString imageSource(const QImage& image, const QString& resource, bool embedImages) {
    return embedImages ? pngDataUri(image) : resource;
}

QString tableRow(const QStringList& cells, bool header = false) {
    const QString tag = header ? QStringLiteral("th") : QStringLiteral("td");
    QString row = QStringLiteral("<tr>");
    for (const QString& cell : cells) {
        row += QStringLiteral("<%1>%2</%1>").arg(tag, escaped(cell));
    }
    return row + QStringLiteral("</tr>\n");
}
} // namespace

QString reportHtml(const RunReport& report, bool embedImages, int imageWidth) {
    QString html;
    html += QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                           "<title>Twinbench run %1</title>\n"
                           "<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
                           "table{border-collapse:collapse}th,td{border:1px solid #999;"
                           "padding:3px 8px;text-align:left}th{background:#eee}"
                           ".figure{margin:1em 0}.caption{color:#444;font-size:90%}</style>"
                           "</head><body>\n")
                .arg(escaped(report.runId));
    html += QStringLiteral("<h1>Run %1: %2 %3</h1>\n")
                .arg(escaped(report.runId), escaped(report.moduleId), escaped(report.action));
    html += tableStart(imageWidth);
    html += tableRow({QStringLiteral("Twin module"), report.moduleId});
    html += tableRow({QStringLiteral("Action"), report.action});
    html += tableRow({QStringLiteral("Backend"), report.backend});
    html +=
        tableRow({QStringLiteral("State"),
                  report.detail.isEmpty() ? report.state
                                          : report.state + QStringLiteral(": ") + report.detail});
    html += tableRow({QStringLiteral("Started"), formatTime(report.startedAt)});
    html += tableRow({QStringLiteral("Finished"), formatTime(report.finishedAt)});
    html += tableRow({QStringLiteral("Run directory"), report.directory});
    html += tableRow(
        {QStringLiteral("Made by"), QStringLiteral("Twinbench %1").arg(report.specVersion)});
    html += tableRow({QStringLiteral("Inputs"), report.inputs.isEmpty()
                                                    ? QStringLiteral("none")
                                                    : report.inputs.join(QStringLiteral(", "))});
    html += QStringLiteral("</table>\n");

    html += QStringLiteral("<h2>Parameters</h2>\n");
    if (report.parameters.isEmpty()) {
        html += QStringLiteral("<p>The run has no parameters (module defaults).</p>\n");
    } else {
        html += tableStart(imageWidth) +
                tableRow({QStringLiteral("Parameter"), QStringLiteral("Value")}, true);
        for (const auto& [name, value] : report.parameters) {
            html += tableRow({name, value});
        }
        html += QStringLiteral("</table>\n");
    }

    html += QStringLiteral("<h2>Metrics</h2>\n");
    if (report.metrics.isEmpty()) {
        html += QStringLiteral("<p>The run reported no metrics.</p>\n");
    } else {
        html += tableStart(imageWidth) +
                tableRow({QStringLiteral("Metric"), QStringLiteral("Last value"),
                          QStringLiteral("At step"), QStringLiteral("Minimum"),
                          QStringLiteral("Maximum"), QStringLiteral("Samples")},
                         true);
        for (const RunReport::Metric& metric : report.metrics) {
            html += tableRow({metric.name, formatNumber(metric.last),
                              QString::number(metric.lastStep), formatNumber(metric.minimum),
                              formatNumber(metric.maximum), QString::number(metric.samples)});
        }
        html += QStringLiteral("</table>\n");
    }
    if (report.skippedMetricLines > 0) {
        html += QStringLiteral("<p>%1 unreadable line(s) of metrics.jsonl were skipped.</p>\n")
                    .arg(report.skippedMetricLines);
    }

    html += QStringLiteral("<h2>Figures</h2>\n");
    if (report.figures.isEmpty()) {
        html += QStringLiteral("<p>No output of this run is a map.</p>\n");
    }
    for (qsizetype i = 0; i < report.figures.size(); ++i) {
        const RunReport::Figure& figure = report.figures[i];
        QString source;
        if (!embedImages) {
            source = QStringLiteral("figure-%1.png").arg(i + 1);
        } else if (!figure.svg.isEmpty()) {
            source = QStringLiteral("data:image/svg+xml;base64,") +
                     QString::fromLatin1(figure.svg.toBase64());
        } else {
            source = pngDataUri(figure.image);
        }
        html += QStringLiteral("<div class=\"figure\"><img src=\"%1\" %2 alt=\"%3\">"
                               "<p class=\"caption\">Figure %4. %3. Data: %5.</p></div>\n")
                    .arg(source)
                    .arg(imageSize(figure.image, imageWidth))
                    .arg(escaped(figure.title))
                    .arg(i + 1)
                    .arg(escaped(figure.source));
    }
    for (const QString& note : report.notes) {
        html += QStringLiteral("<p class=\"caption\">%1</p>\n").arg(escaped(note));
    }

    html += QStringLiteral("<h2>Outputs</h2>\n");
    if (report.outputs.isEmpty()) {
        html += QStringLiteral("<p>The run wrote no outputs.</p>\n");
    } else {
        html += tableStart(imageWidth) + tableRow({QStringLiteral("File"), QStringLiteral("Bytes"),
                                                   QStringLiteral("SHA-256")},
                                                  true);
        for (const RunReport::Output& output : report.outputs) {
            // The first 16 hex digits identify a file here; the full hashes are listed under
            // Provenance (a 64-digit word does not fit a table cell at page width).
            html +=
                tableRow({output.relativePath, QString::number(output.bytes),
                          output.sha256.isEmpty() ? QStringLiteral("-")
                                                  : output.sha256.left(16) + QStringLiteral("…")});
        }
        html += QStringLiteral("</table>\n");
    }

    html += QStringLiteral("<h2>Provenance</h2>\n");
    if (!report.hasProvenance) {
        html += QStringLiteral("<p>%1</p>\n").arg(escaped(report.provenanceNote));
    } else {
        html += QStringLiteral("<p>W3C PROV-JSON record prov.json: activity run:%1 (%2 %3), "
                               "software agent %4; %5 entities generated.</p>\n")
                    .arg(escaped(report.runId), escaped(report.moduleId), escaped(report.action),
                         escaped(report.provenanceAgent))
                    .arg(report.provenanceGenerated);
        html += QStringLiteral("<p>Used:</p><ul>\n");
        for (const QString& used : report.provenanceUsed) {
            html += QStringLiteral("<li>%1</li>\n").arg(escaped(used));
        }
        html += QStringLiteral("</ul>\n");
        if (!report.outputHashes.isEmpty()) {
            html += QStringLiteral("<p>Generated (SHA-256):</p><ul>\n");
            for (const QString& line : report.outputHashes) {
                html += QStringLiteral("<li>%1</li>\n").arg(escaped(line));
            }
            html += QStringLiteral("</ul>\n");
        }
    }

    html += QStringLiteral("<h2>Lineage</h2>\n");
    if (report.lineageImage.isNull()) {
        html += QStringLiteral("<p>The run consumed no other run's outputs.</p>\n");
    } else {
        html +=
            QStringLiteral("<div class=\"figure\"><img src=\"%1\" %2 "
                           "alt=\"lineage\"><p class=\"caption\">The run (blue) and the "
                           "runs its inputs come from, back to the generators; trained "
                           "models in violet. Output hashes shortened to 16 hex digits."
                           "</p></div>\n")
                .arg(imageSource(report.lineageImage, QStringLiteral("lineage.png"), embedImages))
                .arg(imageSize(report.lineageImage, imageWidth));
        html += QStringLiteral("<ul>\n");
        for (const LineageNode& node : report.lineage.nodes) {
            html += QStringLiteral("<li>%1 %2 run %3 (%4)%5%6</li>\n")
                        .arg(escaped(node.moduleId), escaped(node.action), escaped(node.runId),
                             escaped(node.state),
                             node.parameters.isEmpty()
                                 ? QString()
                                 : QStringLiteral(": ") + escaped(node.parameters),
                             node.inputFiles.isEmpty()
                                 ? QString()
                                 : QStringLiteral("; files ") +
                                       escaped(node.inputFiles.join(QStringLiteral(", "))));
        }
        html += QStringLiteral("</ul>\n");
    }
    if (report.lineage.truncated) {
        html += QStringLiteral("<p>Older runs of the lineage are not shown.</p>\n");
    }
    for (const QString& problem : report.lineage.problems) {
        html += QStringLiteral("<p class=\"caption\">%1</p>\n").arg(escaped(problem));
    }

    html += QStringLiteral("<h2>Verification and validation</h2>\n");
    if (!report.domainCheck.isEmpty()) {
        if (report.domainCheck.value(QStringLiteral("inside")).toBool()) {
            html += QStringLiteral("<p>%1 stayed inside its model's training domain.</p>\n")
                        .arg(escaped(report.domainRun));
        } else {
            QStringList departures;
            for (const QJsonValue& value :
                 report.domainCheck.value(QStringLiteral("departures")).toArray()) {
                const QJsonObject departure = value.toObject();
                departures << QStringLiteral("%1: asked %2, trained on %3")
                                  .arg(departure.value(QStringLiteral("dimension")).toString(),
                                       departure.value(QStringLiteral("requested")).toString(),
                                       departure.value(QStringLiteral("trained")).toString());
            }
            html +=
                QStringLiteral("<p style=\"background-color:#ffe0b2\"><b>Outside the "
                               "model's training domain</b>: %1 asked the model for more "
                               "than it was trained on, so the results extrapolate. %2.</p>\n")
                    .arg(escaped(report.domainRun), escaped(departures.join(QStringLiteral("; "))));
        }
    }
    html += QStringLiteral("<p>%1</p>\n").arg(escaped(report.vvuqNote));
    if (!report.vvuqCard.isEmpty()) {
        html += vvuqCardHtml(report.vvuqCard, imageWidth);
    }
    html += QStringLiteral("<p class=\"caption\">Report written by %1 on %2.</p>\n")
                .arg(escaped(QString::fromStdString(sdk::versionLine())),
                     formatTime(QDateTime::currentDateTimeUtc()));
    html += QStringLiteral("</body></html>\n");
    return html;
}

} // namespace twins::app
