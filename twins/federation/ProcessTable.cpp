#include "twinbench/federation/ProcessTable.h"

#include <QFile>
#include <QList>

namespace twins::federation {

std::optional<ProcessInfo> readProcessInfo(pid_t pid) {
    if (pid <= 0) {
        return std::nullopt;
    }
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const QByteArray line = file.readAll();
    // The command name (field 2) is in parentheses and may itself contain spaces and ')':
    // the fields after it start after the LAST ')'.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0) {
        return std::nullopt;
    }
    const QList<QByteArray> fields = line.mid(close + 2).trimmed().split(' ');
    // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
    if (fields.size() < 20 || fields[0].isEmpty()) {
        return std::nullopt;
    }
    bool ok = false;
    const quint64 start = fields[19].toULongLong(&ok);
    if (!ok) {
        return std::nullopt;
    }
    return ProcessInfo{pid, fields[0].at(0), start};
}

bool isProcessAlive(pid_t pid, quint64 startTimeTicks) {
    const auto info = readProcessInfo(pid);
    return info && info->startTimeTicks == startTimeTicks && info->state != 'Z' &&
           info->state != 'X' && info->state != 'x';
}

} // namespace twins::federation
