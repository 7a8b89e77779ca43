#include "support/SessionGuard.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <array>
#include <csignal>
#include <cstring>
#include <execinfo.h>
#include <fcntl.h>
#include <unistd.h>

namespace twins::app {

namespace {

// State the signal handler reads: fixed buffers filled before the handlers are installed, since
// a handler may not allocate.
std::array<char, 4096> reportPath{};
std::array<char, 4096> logPath{};
int logDescriptor = -1;
QtMessageHandler previousMessageHandler = nullptr;
constexpr std::array fatalSignals{SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
// Its own stack, so a stack overflow can still be reported.
std::array<char, 64 * 1024> handlerStack{};
constexpr qint64 logTailBytes = 8192;
constexpr int keptReports = 10;

void copyPath(std::array<char, 4096>& buffer, const QString& path) {
    const QByteArray encoded = QFile::encodeName(path);
    const std::size_t length = std::min<std::size_t>(encoded.size(), buffer.size() - 1);
    std::memcpy(buffer.data(), encoded.constData(), length);
    buffer[length] = '\0';
}

// Async-signal-safe output: write(2) only.
void writeText(int descriptor, const char* text) {
    std::size_t left = std::strlen(text);
    while (left > 0) {
        const ssize_t written = ::write(descriptor, text, left);
        if (written <= 0) {
            return;
        }
        text += written;
        left -= static_cast<std::size_t>(written);
    }
}

void writeNumber(int descriptor, long long value) {
    char digits[24];
    int position = sizeof digits - 1;
    digits[position] = '\0';
    const bool negative = value < 0;
    unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(value)
                                            : static_cast<unsigned long long>(value);
    do {
        digits[--position] = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0 && position > 1);
    if (negative) {
        digits[--position] = '-';
    }
    writeText(descriptor, digits + position);
}

const char* signalName(int signal) {
    switch (signal) {
    case SIGSEGV:
        return "SIGSEGV, invalid memory access";
    case SIGBUS:
        return "SIGBUS, bus error";
    case SIGFPE:
        return "SIGFPE, arithmetic error";
    case SIGILL:
        return "SIGILL, illegal instruction";
    case SIGABRT:
        return "SIGABRT, aborted";
    default:
        return "fatal signal";
    }
}

// The last `bytes` of the file at `path`, copied to `descriptor` (async-signal-safe).
void copyTail(const char* path, int descriptor, off_t bytes) {
    const int source = ::open(path, O_RDONLY | O_CLOEXEC);
    if (source < 0) {
        writeText(descriptor, "(no log)\n");
        return;
    }
    const off_t size = ::lseek(source, 0, SEEK_END);
    ::lseek(source, size > bytes ? size - bytes : 0, SEEK_SET);
    char buffer[4096];
    ssize_t count = 0;
    while ((count = ::read(source, buffer, sizeof buffer)) > 0) {
        if (::write(descriptor, buffer, static_cast<std::size_t>(count)) != count) {
            break;
        }
    }
    ::close(source);
}

void onFatalSignal(int signal) {
    const int report = ::open(reportPath.data(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (report >= 0) {
        writeText(report, "Twinbench crashed: signal ");
        writeNumber(report, signal);
        writeText(report, " (");
        writeText(report, signalName(signal));
        writeText(report, ") in process ");
        writeNumber(report, ::getpid());
        writeText(report, "\n\nBacktrace (newest call first):\n");
        void* frames[64];
        const int depth = ::backtrace(frames, 64);
        ::backtrace_symbols_fd(frames, depth, report);
        writeText(report, "\nLast log lines:\n");
        copyTail(logPath.data(), report, logTailBytes);
        ::close(report);
    }
    // SA_RESETHAND restored the default action: dying of the same signal keeps the exit
    // status (and a core dump, where enabled) what it would have been.
    ::raise(signal);
}

void logMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (logDescriptor >= 0) {
        static const char* const kinds[] = {"debug", "warning", "critical", "fatal", "info"};
        const int kind = static_cast<int>(type);
        const QByteArray line =
            (QDateTime::currentDateTime().toString(Qt::ISODateWithMs) + QLatin1Char(' ') +
             QLatin1String(kind >= 0 && kind < 5 ? kinds[kind] : "log") + QLatin1String(": ") +
             message + QLatin1Char('\n'))
                .toUtf8();
        // One write per line with O_APPEND: lines of several threads never interleave.
        [[maybe_unused]] const ssize_t written =
            ::write(logDescriptor, line.constData(), static_cast<std::size_t>(line.size()));
    }
    if (previousMessageHandler != nullptr) {
        previousMessageHandler(type, context, message);
    }
}

bool processIsAlive(qint64 pid, const QString& executable) {
    const QString proc = QStringLiteral("/proc/%1").arg(pid);
    QFile stat(proc + QStringLiteral("/stat"));
    if (!stat.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray fields = stat.readAll();
    if (fields.mid(fields.lastIndexOf(')') + 2, 1) == "Z") {
        return false; // a zombie is dead (PID 1 of a container may not reap it)
    }
    // A pid reused by another program is not the session.
    return QFileInfo(proc + QStringLiteral("/exe")).symLinkTarget() == executable;
}

QByteArray readTail(const QString& path, qint64 bytes) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return QByteArrayLiteral("(no log)\n");
    }
    file.seek(std::max<qint64>(0, file.size() - bytes));
    return file.readAll();
}

} // namespace

QString SessionGuard::defaultDirectory() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("sessions"));
}

SessionGuard::SessionGuard(const QString& directory) : m_directory(directory) {
    QDir().mkpath(m_directory);
    collectUncleanEnds();
    pruneOldReports();
    startThisSession();
}

SessionGuard::~SessionGuard() {
    for (const int signal : fatalSignals) {
        ::signal(signal, SIG_DFL);
    }
    qInstallMessageHandler(previousMessageHandler);
    previousMessageHandler = nullptr;
    if (logDescriptor >= 0) {
        ::close(logDescriptor);
        logDescriptor = -1;
    }
    QFile::remove(m_marker);
    QFile::remove(QString::fromLocal8Bit(logPath.data()));
}

void SessionGuard::collectUncleanEnds() {
    const QDir directory(m_directory);
    const QString executable = QCoreApplication::applicationFilePath();
    for (const QString& name : directory.entryList({QStringLiteral("session-*.json")}, QDir::Files,
                                                   QDir::Time | QDir::Reversed)) {
        const QString marker = directory.filePath(name);
        QFile file(marker);
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        EndedSession ended;
        ended.pid = json.value(QStringLiteral("pid")).toInteger();
        if (ended.pid > 0 && processIsAlive(ended.pid, executable)) {
            continue; // another Twinbench running now
        }
        ended.started = QDateTime::fromString(json.value(QStringLiteral("started")).toString(),
                                              Qt::ISODateWithMs);
        ended.crashReport = json.value(QStringLiteral("report")).toString();
        const QString log = json.value(QStringLiteral("log")).toString();
        ended.hasBacktrace = QFileInfo::exists(ended.crashReport);
        if (!ended.hasBacktrace && !ended.crashReport.isEmpty()) {
            // Killed: no handler ran. What is known is written down now.
            QSaveFile report(ended.crashReport);
            if (report.open(QIODevice::WriteOnly)) {
                report.write(QStringLiteral("Twinbench (process %1, started %2) ended without "
                                            "closing and without a crash signal: it was killed "
                                            "(kill -9, the out-of-memory killer) or the machine "
                                            "stopped. Nothing can catch such an end, so there is "
                                            "no backtrace.\n\nLast log lines:\n")
                                 .arg(ended.pid)
                                 .arg(ended.started.toString(Qt::ISODate))
                                 .toUtf8());
                report.write(readTail(log, logTailBytes));
                if (!report.commit()) {
                    ended.crashReport.clear();
                }
            } else {
                ended.crashReport.clear();
            }
        }
        QFile::remove(log);
        QFile::remove(marker);
        m_uncleanEnds.push_back(ended);
    }
}

void SessionGuard::pruneOldReports() const {
    const QDir directory(m_directory);
    const QStringList reports =
        directory.entryList({QStringLiteral("crash-*.txt")}, QDir::Files, QDir::Time);
    for (qsizetype i = keptReports; i < reports.size(); ++i) {
        QFile::remove(directory.filePath(reports.at(i)));
    }
}

void SessionGuard::startThisSession() {
    const qint64 pid = QCoreApplication::applicationPid();
    const QDir directory(m_directory);
    const QString log = directory.filePath(QStringLiteral("session-%1.log").arg(pid));
    const QString report = directory.filePath(
        QStringLiteral("crash-%1-%2.txt")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")))
            .arg(pid));
    copyPath(logPath, log);
    copyPath(reportPath, report);

    m_marker = directory.filePath(QStringLiteral("session-%1.json").arg(pid));
    QSaveFile marker(m_marker);
    if (marker.open(QIODevice::WriteOnly)) {
        marker.write(QJsonDocument(QJsonObject{
                                       {QStringLiteral("pid"), pid},
                                       {QStringLiteral("started"),
                                        QDateTime::currentDateTime().toString(Qt::ISODateWithMs)},
                                       {QStringLiteral("log"), log},
                                       {QStringLiteral("report"), report},
                                   })
                         .toJson());
        marker.commit();
    }

    logDescriptor =
        ::open(logPath.data(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
    previousMessageHandler = qInstallMessageHandler(logMessage);

    // backtrace() loads libgcc on its first call, which allocates: do it now, not in a handler.
    void* warmUp[2];
    ::backtrace(warmUp, 2);
    stack_t alternate{};
    alternate.ss_sp = handlerStack.data();
    alternate.ss_size = handlerStack.size();
    ::sigaltstack(&alternate, nullptr);
    struct sigaction action {};
    action.sa_handler = onFatalSignal;
    action.sa_flags = SA_RESETHAND | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (const int signal : fatalSignals) {
        ::sigaction(signal, &action, nullptr);
    }
}

} // namespace twins::app
