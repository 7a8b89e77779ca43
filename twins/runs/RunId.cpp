#include "twinbench/runs/RunId.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <mutex>

namespace twins::runs {

QString newRunId() {
    // Monotonic within the process: a clock step backwards or two ids in one millisecond take
    // the next millisecond instead, so "newest first" never reorders runs of one session.
    static std::mutex mutex;
    static qint64 lastMilliseconds = 0;
    qint64 milliseconds = QDateTime::currentMSecsSinceEpoch();
    {
        std::lock_guard lock(mutex);
        if (milliseconds <= lastMilliseconds) {
            milliseconds = lastMilliseconds + 1;
        }
        lastMilliseconds = milliseconds;
    }
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC);
    const quint32 random = QRandomGenerator::global()->generate();
    return time.toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'")) + QLatin1Char('-') +
           QStringLiteral("%1").arg(random, 8, 16, QLatin1Char('0'));
}

bool isRunId(QStringView text) {
    static const QRegularExpression pattern(QStringLiteral("^\\d{8}T\\d{9}Z-[0-9a-f]{8}$"));
    return pattern.match(text.toString()).hasMatch();
}

} // namespace twins::runs
