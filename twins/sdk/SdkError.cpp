#include "twinbench/sdk/SdkError.h"

namespace twins::sdk {

namespace {

std::string composeMessage(const QString& source, const QString& reason) {
    return (source.isEmpty() ? reason : source + QStringLiteral(": ") + reason).toStdString();
}

} // namespace

SdkError::SdkError(QString source, QString reason)
    : std::runtime_error(composeMessage(source, reason)), m_source(std::move(source)),
      m_reason(std::move(reason)) {}

ActionCancelled::ActionCancelled(QString source)
    : SdkError(std::move(source), QStringLiteral("cancelled on request")) {}

UnknownQuery::UnknownQuery(QString queryName)
    : SdkError(QString(), QStringLiteral("no query '%1'").arg(queryName)),
      m_queryName(std::move(queryName)) {}

} // namespace twins::sdk
