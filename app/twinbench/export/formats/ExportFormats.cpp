#include "export/formats/ExportFormats.h"

#include <QDir>
#include <QFileInfo>
#include <QObject>

namespace twins::app {

const QList<ExportFormat>& exportFormats() {
    // The registry: one line per format. Figures list PNG first (the dialogs' default).
    static const QList<ExportFormat> formats{
        pngFormat(), jpegFormat(), tiffFormat(),       svgFormat(),       pdfFigureFormat(),
        mp4Format(), gifFormat(),  htmlReportFormat(), pdfReportFormat(),
    };
    return formats;
}

QString ExportFormat::dialogFilter() const {
    QStringList patterns{QStringLiteral("*.") + suffix};
    for (const QString& alias : aliases) {
        patterns << QStringLiteral("*.") + alias;
    }
    return QStringLiteral("%1 (%2)").arg(description, patterns.join(QLatin1Char(' ')));
}

bool ExportFormat::matches(const QString& path) const {
    const QString pathSuffix = QFileInfo(path).suffix().toLower();
    return pathSuffix == suffix || aliases.contains(pathSuffix);
}

const ExportFormat* exportFormatFor(const QString& path, ExportFormat::Purpose purpose) {
    for (const ExportFormat& format : exportFormats()) {
        if (format.purpose == purpose && format.matches(path)) {
            return &format;
        }
    }
    return nullptr;
}

QList<const ExportFormat*> exportFormatsFor(ExportFormat::Purpose purpose, ExportOrigin origin) {
    QList<const ExportFormat*> found;
    for (const ExportFormat& format : exportFormats()) {
        const bool offered = origin == ExportOrigin::Window ? format.fromWindow : format.fromScript;
        if (format.purpose == purpose && offered) {
            found << &format;
        }
    }
    return found;
}

QString exportDialogFilter(ExportFormat::Purpose purpose) {
    QStringList filters;
    for (const ExportFormat* format : exportFormatsFor(purpose, ExportOrigin::Window)) {
        filters << format->dialogFilter();
    }
    return filters.join(QStringLiteral(";;"));
}

QString exportSuffixList(ExportFormat::Purpose purpose, ExportOrigin origin) {
    QStringList suffixes;
    for (const ExportFormat* format : exportFormatsFor(purpose, origin)) {
        suffixes << QStringLiteral(".") + format->suffix;
    }
    if (suffixes.size() < 2) {
        return suffixes.join(QString());
    }
    const QString last = suffixes.takeLast();
    return suffixes.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

QString suggestedExportPath(const QString& baseName, ExportFormat::Purpose purpose) {
    const QList<const ExportFormat*> formats = exportFormatsFor(purpose, ExportOrigin::Window);
    const QString suffix =
        formats.isEmpty() ? QString() : QStringLiteral(".") + formats.front()->suffix;
    return QDir::home().filePath(baseName + suffix);
}

} // namespace twins::app
