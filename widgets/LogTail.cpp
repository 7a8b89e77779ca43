#include "twinbench/widgets/LogTail.h"

#include "twinbench/federation/RunLogReader.h"

#include <QFile>
#include <QScrollBar>
#include <QtConcurrent/QtConcurrentRun>

namespace twins::widgets {

namespace {

// A first look at a huge log shows its end: the last 1 MB is plenty for maximumLines lines.
constexpr qint64 firstReadLimit = 1 << 20;

} // namespace

LogTail::LogTail(QWidget* parent) : QPlainTextEdit(parent) {
    setReadOnly(true);
    setMaximumBlockCount(maximumLines);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont font(QStringLiteral("monospace"));
    font.setStyleHint(QFont::Monospace);
    setFont(font);
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &LogTail::poll);
    connect(&m_reader, &QFutureWatcher<Chunk>::finished, this, &LogTail::onChunkRead);
}

void LogTail::setPollInterval(int milliseconds) {
    m_fileInterval = milliseconds;
    m_timer.setInterval(m_source ? std::max(1000, milliseconds) : milliseconds);
}

void LogTail::follow(const QString& path) {
    clear();
    m_path = path;
    m_offset = 0;
    m_partialLine.clear();
    m_source.reset();
    m_finishing = false;
    m_timer.setInterval(m_fileInterval);
    if (path.isEmpty()) {
        m_timer.stop();
        return;
    }
    m_timer.start();
    poll();
}

void LogTail::followReader(const QString& key, ReaderFactory open) {
    follow({});
    m_path = key;
    m_source = std::make_shared<ReaderState>();
    m_source->open = std::move(open);
    m_timer.setInterval(std::max(1000, m_fileInterval));
    m_timer.start();
    poll();
}

void LogTail::finishAfterNextRead() {
    m_finishing = true;
}

void LogTail::poll() {
    if (m_reader.isRunning() || m_path.isEmpty()) {
        return;
    }
    if (m_source) {
        // Reads (HTTP requests with the backend's timeout) happen on the pool, one at a time:
        // the next poll waits for this one.
        m_reader.setFuture(
            QtConcurrent::run([state = m_source, key = m_path, finalRead = m_finishing]() {
                if (!state->reader) {
                    state->reader = state->open();
                }
                const federation::RunLogChunk read = state->reader->read();
                Chunk chunk{key, 0, read.text, false, true, finalRead};
                if (!read.note.isEmpty()) {
                    chunk.bytes.prepend(QStringLiteral("[twinbench] %1\n").arg(read.note).toUtf8());
                }
                return chunk;
            }));
        return;
    }
    const QString path = m_path;
    const qint64 offset = m_offset;
    // File reads happen on the pool: a log on a slow network file system must not stall the GUI.
    m_reader.setFuture(QtConcurrent::run([path, offset]() {
        Chunk chunk{path, offset, {}, false};
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return chunk; // not written yet: the run has not started
        }
        const qint64 size = file.size();
        if (size < offset) {
            chunk.truncated = true;
            chunk.offset = 0;
        }
        qint64 start = chunk.offset;
        if (start == 0 && size > firstReadLimit) {
            start = size - firstReadLimit;
        }
        file.seek(start);
        chunk.bytes = file.read(size - start);
        chunk.offset = start;
        return chunk;
    }));
}

void LogTail::onChunkRead() {
    const Chunk chunk = m_reader.result();
    if (chunk.path != m_path) {
        return; // the user switched runs while this was read
    }
    if (chunk.finalRead) {
        m_timer.stop(); // the run ended before this read began: nothing more will come
    }
    if (chunk.truncated) {
        clear();
        m_partialLine.clear();
    }
    m_offset = chunk.offset + chunk.bytes.size();
    if (chunk.bytes.isEmpty()) {
        return;
    }
    QByteArray text = m_partialLine + chunk.bytes;
    // Only complete lines are shown; a half-written last line waits for its end.
    const qsizetype lastNewline = text.lastIndexOf('\n');
    if (lastNewline < 0) {
        m_partialLine = text;
        return;
    }
    m_partialLine = text.mid(lastNewline + 1);
    text.truncate(lastNewline);
    QScrollBar* bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    const int keep = bar->value();
    appendPlainText(QString::fromUtf8(text));
    if (atBottom) {
        bar->setValue(bar->maximum());
    } else {
        bar->setValue(keep);
    }
    emit textAppended();
}

} // namespace twins::widgets
