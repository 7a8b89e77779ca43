#include "ActionSupport.h"

#include "SimulationRun.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>

#include <stdexcept>

namespace calo {

using twins::sdk::SdkError;

std::vector<double> numberListParameter(const twins::sdk::ActionContext& context, const char* key,
                                        const QString& source) {
    try {
        return parseNumberList(
            context.parameters().value(QLatin1String(key)).toString().toStdString());
    } catch (const std::invalid_argument& error) {
        throw SdkError(source,
                       QStringLiteral("parameter %1: %2").arg(QLatin1String(key), error.what()));
    }
}

std::string showersInput(const QString& input, const QString& source) {
    const QString path =
        QFileInfo(input).isDir() ? QDir(input).filePath(QStringLiteral("showers.h5")) : input;
    if (!QFileInfo::exists(path)) {
        throw SdkError(source, QStringLiteral("input %1 does not exist (expected showers.h5 of a "
                                              "simulate or generate run, its run id or "
                                              "directory)")
                                   .arg(path));
    }
    return path.toStdString();
}

std::string modelInput(const QString& input, const QString& source) {
    const QFileInfo info(input);
    const QDir directory = info.isDir() ? QDir(input) : info.dir();
    for (const char* file : {"gan.json", "generator.pt"}) {
        if (!directory.exists(QLatin1String(file))) {
            throw SdkError(source, QStringLiteral("input %1 is not a calogan model: %2 is missing "
                                                  "(expected a train run, its id or outputs/)")
                                       .arg(input, directory.filePath(QLatin1String(file))));
        }
    }
    return directory.absolutePath().toStdString();
}

QString outputPath(const twins::sdk::ActionContext& context, const QString& fileName) {
    return QDir(context.outputDirectory()).filePath(fileName);
}

} // namespace calo
