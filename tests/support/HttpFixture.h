#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QThread>

#include <cstdint>
#include <stdexcept>

// The nginx of tests/fixtures/remote (on 127.0.0.1, its own -p/-c), serving `data` from `base`,
// started by http-fixture.sh and stopped by it when this object dies; its access log says what
// every request sent, so tests count the bytes a read fetched.
namespace twins::testing {

class HttpFixture {
public:
    static QString script() {
        return QStringLiteral(TWINBENCH_SOURCE_DIR "/tests/fixtures/remote/http-fixture.sh");
    }

    // Throws std::runtime_error with the script's output when nginx does not come up.
    HttpFixture(const QString& base, const QString& data) : m_base(base) {
        QProcess start;
        start.start(QStringLiteral("bash"), {script(), QStringLiteral("start"), base, data});
        if (!start.waitForFinished(60000) || start.exitCode() != 0) {
            throw std::runtime_error("http-fixture.sh start failed: " +
                                     start.readAllStandardError().toStdString());
        }
        m_url = QString::fromUtf8(start.readAllStandardOutput()).trimmed();
        QFile davs(QDir(base).filePath(QStringLiteral("davs-url")));
        if (davs.open(QIODevice::ReadOnly)) {
            m_davsUrl = QString::fromUtf8(davs.readAll()).trimmed();
        }
    }
    ~HttpFixture() { call(QStringLiteral("stop")); }
    HttpFixture(const HttpFixture&) = delete;
    HttpFixture& operator=(const HttpFixture&) = delete;

    // "http://127.0.0.1:PORT"
    QString url() const { return m_url; }
    // "davs://127.0.0.1:PORT": the same data over TLS with WebDAV listings (PROPFIND).
    QString davsUrl() const { return m_davsUrl; }
    // The PEM of the test CA that signed the TLS server's certificate (made at start).
    QString caFile() const { return QDir(m_base).filePath(QStringLiteral("tls/ca.pem")); }
    // kill -9: a server that dies mid-transfer.
    void kill() const { call(QStringLiteral("kill")); }

    // nginx logs a request after it has sent the answer, so a client can hold the last answer
    // before its line is written (CI once counted 2 of 3 retries): wait until the log has stopped
    // growing for 150 ms, at most 3 s.
    void waitForQuietLog() const {
        qint64 size = QFileInfo(logPath()).size();
        for (int quiet = 0, waited = 0; quiet < 3 && waited < 60; ++waited) {
            QThread::msleep(50);
            const qint64 now = QFileInfo(logPath()).size();
            quiet = now == size ? quiet + 1 : 0;
            size = now;
        }
    }
    QString logPath() const { return QDir(m_base).filePath(QStringLiteral("access.log")); }
    // Where the log ends now: requests() from here on are the ones sent after this call.
    qint64 logMark() const { return QFileInfo(logPath()).size(); }

    struct Requests {
        int count = 0;
        std::uint64_t bodyBytes = 0;
        QStringList lines;
    };
    // The requests logged after `mark` whose path starts with `pathPrefix`.
    Requests requests(qint64 mark, const QString& pathPrefix = QStringLiteral("/")) const {
        waitForQuietLog();
        Requests found;
        QFile log(logPath());
        if (!log.open(QIODevice::ReadOnly) || !log.seek(mark)) {
            return found;
        }
        for (const QByteArray& line : log.readAll().split('\n')) {
            // METHOD URI STATUS BODY_BYTES "RANGE"
            const QList<QByteArray> fields = line.split(' ');
            if (fields.size() < 4 || !QString::fromUtf8(fields[1]).startsWith(pathPrefix)) {
                continue;
            }
            ++found.count;
            found.bodyBytes += fields[3].toULongLong();
            found.lines << QString::fromUtf8(line);
        }
        return found;
    }

private:
    void call(const QString& command) const {
        QProcess::execute(QStringLiteral("bash"), {script(), command, m_base});
    }

    QString m_base;
    QString m_url;
    QString m_davsUrl;
};

} // namespace twins::testing
