#pragma once

#include <QFutureWatcher>
#include <QPlainTextEdit>
#include <QTimer>

namespace twins::widgets {

// Follows a growing text file (a run's log.txt) like `tail -f`: every interval it reads the
// bytes appended since the last read on the thread pool and appends them, keeping at most
// maximumLines lines. The view stays at the bottom unless the user scrolled up to read.
class LogTail : public QPlainTextEdit {
    Q_OBJECT
public:
    static constexpr int maximumLines = 5000;

    explicit LogTail(QWidget* parent = nullptr);

    // Starts following `path` from its beginning (an empty path clears and stops).
    void follow(const QString& path);
    const QString& path() const { return m_path; }
    void setPollInterval(int milliseconds);

signals:
    // Emitted after new text was appended (tests wait on it).
    void textAppended();

private:
    struct Chunk {
        QString path;
        qint64 offset = 0;
        QByteArray bytes;
        bool truncated = false; // the file shrank: it was replaced, read it again
    };
    void poll();
    void onChunkRead();

    QString m_path;
    qint64 m_offset = 0;
    QByteArray m_partialLine;
    QTimer m_timer;
    QFutureWatcher<Chunk> m_reader;
};

} // namespace twins::widgets
