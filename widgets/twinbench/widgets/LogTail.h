#pragma once

#include <QFutureWatcher>
#include <QPlainTextEdit>
#include <QTimer>

#include <functional>
#include <memory>

namespace twins::federation {
class RunLogReader;
}

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
    // Starts following a log through a reader that `open` makes on the thread pool at the first
    // poll (an interLink run's container output through /getLogs, federation/RunLogReader.h),
    // once a second at most: every read is a request to the site. `key` names the log (path()
    // returns it). The reader's notes (a fallback to log.txt, an outage) are shown as lines of
    // their own starting with "[twinbench]".
    using ReaderFactory = std::function<std::unique_ptr<federation::RunLogReader>()>;
    void followReader(const QString& key, ReaderFactory open);
    // The followed run has ended: after one more read of a reader, polling stops.
    void finishAfterNextRead();
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
        bool fromReader = false;
        bool finalRead = false; // began after the run ended: the last one needed
    };
    struct ReaderState {
        ReaderFactory open;
        std::unique_ptr<federation::RunLogReader> reader; // made and used on the pool only
    };
    void poll();
    void onChunkRead();

    QString m_path;
    qint64 m_offset = 0;
    QByteArray m_partialLine;
    QTimer m_timer;
    int m_fileInterval = 500;
    std::shared_ptr<ReaderState> m_source; // set: follow a reader, not a file
    bool m_finishing = false;
    QFutureWatcher<Chunk> m_reader;
};

} // namespace twins::widgets
