#include "models/VvuqCardHtml.h"

#include "export/formats/ExportFormats.h"
#include "models/ReliabilityDiagram.h"
#include "twinbench/runs/VvuqCard.h"

#include <QImage>
#include <QJsonArray>
#include <QStringList>

namespace twins::app {

namespace {

QString esc(const QString& text) {
    return text.toHtmlEscaped();
}

QString cells(const QStringList& values, const QString& tag = QStringLiteral("td")) {
    QString row = QStringLiteral("<tr>");
    for (const QString& value : values) {
        row += QStringLiteral("<%1>%2</%1>").arg(tag, value);
    }
    return row + QStringLiteral("</tr>");
}

// width: the table's width attribute ("100%" or pixels).
QString table(const QString& width, const QStringList& header, const QStringList& rows) {
    QStringList escapedHeader;
    for (const QString& name : header) {
        escapedHeader << esc(name);
    }
    return QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" "
                          "width=\"%1\">")
               .arg(width) +
           cells(escapedHeader, QStringLiteral("th")) + rows.join(QString()) +
           QStringLiteral("</table>");
}

// pass in green, fail in red, the rest as is.
QString verdictCell(const QString& verdict) {
    const QString colour = verdict == QStringLiteral("pass")   ? QStringLiteral("#2e7d32")
                           : verdict == QStringLiteral("fail") ? QStringLiteral("#c62828")
                                                               : QStringLiteral("#555555");
    return QStringLiteral("<b><font color=\"%1\">%2</font></b>")
        .arg(colour, esc(verdict.toUpper()));
}

// Each validation run's reliability diagram once (a run reports several ECEs from one table),
// embedded as a PNG data URL so the dock, the HTML file and the PDF report all show it.
QString reliabilityDiagrams(const QJsonArray& calibration) {
    QString html;
    QStringList drawn;
    for (const QJsonValue& value : calibration) {
        const QJsonObject check = value.toObject();
        const QString path = check.value(QStringLiteral("reliability")).toString();
        if (path.isEmpty() || drawn.contains(path)) {
            continue;
        }
        drawn << path;
        const QString run = esc(check.value(QStringLiteral("run")).toString());
        QString error;
        const QImage diagram = drawReliabilityDiagram(path, &error);
        if (diagram.isNull()) {
            html += QStringLiteral("<p>The reliability diagram of run %1 cannot be drawn: %2</p>")
                        .arg(run, esc(error));
            continue;
        }
        html += QStringLiteral("<p>Reliability diagram of run %1 (equal-mass bins; on the dashed "
                               "diagonal a probability is as often right as it says):<br>"
                               "<img src=\"%2\" width=\"%3\" "
                               "height=\"%4\"></p>")
                    .arg(run, pngDataUri(diagram))
                    .arg(diagram.width())
                    .arg(diagram.height());
    }
    return html;
}

QString checksTable(const QJsonArray& checks, const QString& width) {
    if (checks.isEmpty()) {
        return QStringLiteral("<p>No metrics.</p>");
    }
    QStringList rows;
    for (const QJsonValue& value : checks) {
        const QJsonObject check = value.toObject();
        rows << cells({esc(check.value(QStringLiteral("metric")).toString()),
                       check.contains(QStringLiteral("value"))
                           ? runs::vvuqNumberText(check.value(QStringLiteral("value")))
                           : QStringLiteral("-"),
                       esc(check.value(QStringLiteral("threshold")).toString()),
                       verdictCell(check.value(QStringLiteral("verdict")).toString())});
    }
    return table(width,
                 {QStringLiteral("Metric"), QStringLiteral("Value"), QStringLiteral("Threshold"),
                  QStringLiteral("Verdict")},
                 rows);
}

QString domainLine(const QJsonObject& domain) {
    if (!domain.value(QStringLiteral("recorded")).toBool()) {
        return QStringLiteral("<p>Training domain: not recorded by this run.</p>");
    }
    if (domain.value(QStringLiteral("inside")).toBool()) {
        return QStringLiteral("<p>Training domain: <font color=\"#2e7d32\">inside</font>.</p>");
    }
    QStringList departures;
    for (const QJsonValue& item : domain.value(QStringLiteral("departures")).toArray()) {
        const QJsonObject departure = item.toObject();
        departures << esc(QStringLiteral("%1: asked %2, trained on %3")
                              .arg(departure.value(QStringLiteral("dimension")).toString(),
                                   departure.value(QStringLiteral("requested")).toString(),
                                   departure.value(QStringLiteral("trained")).toString()));
    }
    return QStringLiteral("<p style=\"background-color:#ffe0b2\"><b>Outside the training "
                          "domain</b> (the model extrapolated): %1.</p>")
        .arg(departures.join(QStringLiteral("; ")));
}

QString inputsList(const QJsonArray& inputs) {
    if (inputs.isEmpty()) {
        return QStringLiteral("<p>No inputs.</p>");
    }
    QString html = QStringLiteral("<ul>");
    for (const QJsonValue& value : inputs) {
        const QJsonObject input = value.toObject();
        QString line = input.contains(QStringLiteral("run"))
                           ? QStringLiteral("run %1 (%2 %3)")
                                 .arg(esc(input.value(QStringLiteral("run")).toString()),
                                      esc(input.value(QStringLiteral("module")).toString()),
                                      esc(input.value(QStringLiteral("action")).toString()))
                           : QStringLiteral("file %1").arg(
                                 esc(input.value(QStringLiteral("input")).toString()));
        QStringList files;
        for (const QJsonValue& file : input.value(QStringLiteral("files")).toArray()) {
            files << esc(
                QStringLiteral("%1 sha256 %2…")
                    .arg(file.toObject().value(QStringLiteral("path")).toString(),
                         file.toObject().value(QStringLiteral("sha256")).toString().left(12)));
        }
        line += files.isEmpty() ? QStringLiteral(": no recorded hash")
                                : QStringLiteral(": ") + files.join(QStringLiteral(", "));
        html += QStringLiteral("<li>%1</li>").arg(line);
    }
    return html + QStringLiteral("</ul>");
}

} // namespace

QString verdictColour(const QString& verdict) {
    if (verdict == QStringLiteral("fit for purpose")) {
        return QStringLiteral("#2e7d32");
    }
    return verdict == QStringLiteral("not fit for purpose") ? QStringLiteral("#c62828")
                                                            : QStringLiteral("#616161");
}

QString vvuqCardHtml(const QJsonObject& card, int tableWidth) {
    const QString width = tableWidth > 0 ? QString::number(tableWidth) : QStringLiteral("100%");
    const QJsonObject model = card.value(QStringLiteral("model")).toObject();
    const QJsonObject fitness = card.value(QStringLiteral("fit_for_purpose")).toObject();
    const QString verdict = fitness.value(QStringLiteral("verdict")).toString();
    QString html = QStringLiteral("<h3>Model %1: %2 %3</h3><p>%4</p><p>Trained %5.</p>")
                       .arg(esc(model.value(QStringLiteral("run")).toString()),
                            esc(model.value(QStringLiteral("module")).toString()),
                            esc(model.value(QStringLiteral("action")).toString()),
                            esc(model.value(QStringLiteral("description")).toString()),
                            esc(model.value(QStringLiteral("created")).toString()));
    html += QStringLiteral("<table cellpadding=\"6\"><tr><td bgcolor=\"%1\"><b><font "
                           "color=\"#ffffff\">&nbsp;%2&nbsp;</font></b></td></tr></table>")
                .arg(verdictColour(verdict), esc(verdict.toUpper()));
    QStringList reasons;
    for (const QJsonValue& reason : fitness.value(QStringLiteral("reasons")).toArray()) {
        reasons << QStringLiteral("<li>%1</li>").arg(esc(reason.toString()));
    }
    if (!reasons.isEmpty()) {
        html += QStringLiteral("<ul>%1</ul>").arg(reasons.join(QString()));
    }

    QStringList thresholdRows;
    for (const QJsonValue& value : fitness.value(QStringLiteral("thresholds")).toArray()) {
        const QJsonObject threshold = value.toObject();
        thresholdRows << cells({esc(threshold.value(QStringLiteral("threshold")).toString()),
                                esc(threshold.value(QStringLiteral("from")).toString()),
                                verdictCell(threshold.value(QStringLiteral("verdict")).toString()),
                                esc(threshold.value(QStringLiteral("why")).toString())});
    }
    html += QStringLiteral("<h4>Fit-for-purpose thresholds (the twin's metadata)</h4>");
    html += thresholdRows.isEmpty() ? QStringLiteral("<p>The twin declares none.</p>")
                                    : table(width,
                                            {QStringLiteral("Threshold"), QStringLiteral("From"),
                                             QStringLiteral("Verdict"), QStringLiteral("Why")},
                                            thresholdRows);

    html += QStringLiteral("<h4>Held-out metrics (from training)</h4>") +
            checksTable(card.value(QStringLiteral("held_out"))
                            .toObject()
                            .value(QStringLiteral("checks"))
                            .toArray(),
                        width);
    const QJsonArray validations = card.value(QStringLiteral("validations")).toArray();
    html += QStringLiteral("<h4>Validation runs downstream of the model (%1)</h4>")
                .arg(validations.size());
    if (validations.isEmpty()) {
        html += QStringLiteral("<p>None yet: run the twin's validation on this model.</p>");
    }
    for (const QJsonValue& value : validations) {
        const QJsonObject run = value.toObject();
        const QJsonObject via = run.value(QStringLiteral("via")).toObject();
        html +=
            QStringLiteral("<p><b>Run %1</b> (%2, %3)%4</p>")
                .arg(esc(run.value(QStringLiteral("run")).toString()),
                     esc(run.value(QStringLiteral("action")).toString()),
                     esc(run.value(QStringLiteral("created")).toString()),
                     via.isEmpty() ? QString()
                                   : esc(QStringLiteral(" via %1 run %2")
                                             .arg(via.value(QStringLiteral("action")).toString(),
                                                  via.value(QStringLiteral("run")).toString())));
        html += domainLine(run.value(QStringLiteral("domain")).toObject());
        html += checksTable(run.value(QStringLiteral("checks")).toArray(), width);
        html += QStringLiteral("<p>Validation set:</p>") +
                inputsList(run.value(QStringLiteral("inputs")).toArray());
    }

    html += QStringLiteral("<h4>Calibration of probabilistic outputs</h4>");
    const QJsonArray calibration = card.value(QStringLiteral("calibration")).toArray();
    if (calibration.isEmpty()) {
        html += QStringLiteral("<p>No validation run reports an expected calibration error.</p>");
    } else {
        QStringList rows;
        for (const QJsonValue& value : calibration) {
            const QJsonObject check = value.toObject();
            rows << cells({esc(check.value(QStringLiteral("metric")).toString()),
                           runs::vvuqNumberText(check.value(QStringLiteral("value"))),
                           esc(check.value(QStringLiteral("run")).toString()),
                           esc(check.value(QStringLiteral("reliability")).toString())});
        }
        html += table(width,
                      {QStringLiteral("Metric"), QStringLiteral("Value"), QStringLiteral("Run"),
                       QStringLiteral("Reliability table")},
                      rows);
        html += reliabilityDiagrams(calibration);
    }

    const QJsonObject domain = card.value(QStringLiteral("training_domain")).toObject();
    html += QStringLiteral("<h4>Training domain (trust predictions inside it only)</h4>");
    QStringList domainRows;
    for (auto it = domain.begin(); it != domain.end(); ++it) {
        domainRows << cells({esc(it.key()), esc(runs::vvuqValueText(it.value()))});
    }
    html +=
        domainRows.isEmpty()
            ? QStringLiteral("<p>The model declares none.</p>")
            : table(width, {QStringLiteral("Dimension"), QStringLiteral("Trained on")}, domainRows);

    const QJsonObject cost = card.value(QStringLiteral("training_cost")).toObject();
    html += QStringLiteral("<h4>Training cost</h4><p>%1 CPU hours (%2 CPU s, %3 s wall, %4 "
                           "threads); energy estimate %5 Wh (%6).</p>")
                .arg(runs::vvuqNumberText(cost.value(QStringLiteral("cpu_hours"))),
                     runs::vvuqNumberText(cost.value(QStringLiteral("cpu_seconds"))),
                     runs::vvuqNumberText(cost.value(QStringLiteral("wall_seconds"))),
                     runs::vvuqValueText(cost.value(QStringLiteral("threads"))),
                     cost.contains(QStringLiteral("energy_wh"))
                         ? runs::vvuqNumberText(cost.value(QStringLiteral("energy_wh")))
                         : QStringLiteral("-"),
                     esc(cost.value(QStringLiteral("energy_basis")).toString()));
    const QJsonObject code = card.value(QStringLiteral("code")).toObject();
    html += QStringLiteral("<h4>Code and data</h4><p>Twinbench %1 (git %2)%3.</p>")
                .arg(esc(code.value(QStringLiteral("twinbench")).toString()),
                     esc(code.value(QStringLiteral("git")).toString()),
                     code.value(QStringLiteral("torch")).toString().isEmpty()
                         ? QString()
                         : esc(QStringLiteral(", LibTorch ") +
                               code.value(QStringLiteral("torch")).toString()));
    html += QStringLiteral("<p>Training data:</p>") +
            inputsList(card.value(QStringLiteral("training_data"))
                           .toObject()
                           .value(QStringLiteral("inputs"))
                           .toArray());
    for (const QJsonValue& problem : card.value(QStringLiteral("problems")).toArray()) {
        html += QStringLiteral("<p>Skipped (unreadable): %1</p>").arg(esc(problem.toString()));
    }
    return html;
}

} // namespace twins::app
