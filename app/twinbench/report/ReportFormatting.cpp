#include "report/ReportFormatting.h"

namespace twins::app {

QString escaped(const QString& text) {
    return text.toHtmlEscaped();
}

QString formatNumber(double value) {
    return QString::number(value, 'g', 6);
}

QString formatTime(const QDateTime& time) {
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                          : QStringLiteral("-");
}

} // namespace twins::app
