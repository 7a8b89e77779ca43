#include "ActionSupport.h"

#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>

namespace cyclone {

using twins::sdk::SdkError;

CfCalendar calendarParameter(const twins::sdk::ActionContext& context) {
    const QString name = context.parameters().value(QStringLiteral("calendar")).toString();
    return name == QLatin1String("noleap") ? CfCalendar::NoLeap : CfCalendar::Standard;
}

std::string singleInput(const twins::sdk::ActionContext& context, const QString& action,
                        const QString& fileName, const QString& expected) {
    const QStringList inputs = context.inputs();
    const QString source = QStringLiteral("cyclone %1").arg(action);
    if (inputs.size() != 1) {
        throw SdkError(source, QStringLiteral("needs exactly one input (%1), got %2")
                                   .arg(expected)
                                   .arg(inputs.size()));
    }
    QString path = inputs.first();
    if (QFileInfo(path).isDir()) {
        path = QDir(path).filePath(fileName);
    }
    if (!QFileInfo::exists(path)) {
        throw SdkError(source,
                       QStringLiteral("input %1 does not exist (expected %2)").arg(path, expected));
    }
    return path.toStdString();
}

std::string outputPath(const twins::sdk::ActionContext& context, const QString& fileName) {
    return QDir(context.outputDirectory()).filePath(fileName).toStdString();
}

std::string runId(const twins::sdk::ActionContext& context) {
    QDir outputs(context.outputDirectory());
    return outputs.cdUp() ? outputs.dirName().toStdString() : std::string();
}

} // namespace cyclone
