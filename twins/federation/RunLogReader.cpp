#include "twinbench/federation/RunLogReader.h"

#include "twinbench/federation/BackendSettings.h"
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/InterlinkExecutor.h"

#include <QDir>

namespace twins::federation {

namespace {

// The complete lines of `text`: a last line without its newline is still being written.
QStringList completeLines(const QString& text) {
    QStringList lines = text.split(QLatin1Char('\n'));
    lines.removeLast(); // after the last '\n': empty, or a partial line
    return lines;
}

QByteArray joined(const QStringList& lines) {
    return lines.isEmpty() ? QByteArray() : (lines.join(QLatin1Char('\n')) + '\n').toUtf8();
}

} // namespace

RunLogFileReader::RunLogFileReader(const QString& runDirectory)
    : m_file(QDir(runDirectory).filePath(QStringLiteral("log.txt"))) {}

bool RunLogFileReader::exists() const {
    return m_file.exists();
}

RunLogChunk RunLogFileReader::read() {
    RunLogChunk chunk;
    if (!m_file.isOpen() && !m_file.open(QIODevice::ReadOnly)) {
        return chunk; // not written yet: the run has not started
    }
    if (m_file.size() < m_offset) {
        m_offset = 0;
        chunk.note = QStringLiteral("%1 was replaced: reading it again").arg(m_file.fileName());
    }
    m_file.seek(m_offset);
    chunk.text = m_file.readAll();
    m_offset += chunk.text.size();
    return chunk;
}

InterlinkLogReader::InterlinkLogReader(Fetch fetch, const QString& runDirectory, int window)
    : m_fetch(std::move(fetch)), m_file(runDirectory), m_window(std::max(1, window)) {}

QStringList InterlinkLogReader::fetchLines(int tailLines) {
    ++m_requests;
    if (tailLines == 0) {
        ++m_fullRequests;
    }
    return completeLines(m_fetch(tailLines));
}

void InterlinkLogReader::remember(const QStringList& lines) {
    m_linesShown += lines.size();
    m_lastLines += lines;
    if (m_lastLines.size() > m_window) {
        m_lastLines.remove(0, m_lastLines.size() - m_window);
    }
}

QStringList InterlinkLogReader::newLines() {
    if (!m_started) {
        const QStringList all = fetchLines(0);
        m_started = true;
        remember(all);
        return all;
    }
    const QStringList tail = fetchLines(m_window);
    if (tail.size() < m_window && tail.size() >= m_linesShown) {
        // The whole log fits in the window: no alignment needed.
        const QStringList fresh = tail.mid(m_linesShown);
        remember(fresh);
        return fresh;
    }
    // The tail is the end of the lines shown (an overlap of k lines) followed by new lines. Only
    // an overlap of at least half the window is trusted: with fewer lines in common (or none,
    // when more new lines came than the window holds) a chance match is too likely.
    int overlap = -1;
    int candidates = 0;
    const qsizetype longest = std::min(tail.size(), m_lastLines.size());
    for (qsizetype k = longest; k >= std::max(1, m_window / 2); --k) {
        if (m_lastLines.mid(m_lastLines.size() - k) == tail.mid(0, k)) {
            ++candidates;
            if (overlap < 0) {
                overlap = static_cast<int>(k);
            }
        }
    }
    if (candidates == 1) {
        const QStringList fresh = tail.mid(overlap);
        remember(fresh);
        return fresh;
    }
    // No overlap (more new lines than the window) or several (repeating lines): count instead.
    const QStringList all = fetchLines(0);
    const QStringList fresh = all.mid(std::min<qsizetype>(m_linesShown, all.size()));
    remember(fresh);
    return fresh;
}

RunLogChunk InterlinkLogReader::read() {
    if (m_fileMode) {
        return m_file.read();
    }
    RunLogChunk chunk;
    try {
        chunk.text = joined(newLines());
        if (m_inOutage) {
            m_inOutage = false;
            chunk.note = QStringLiteral("interLink /getLogs answers again");
        }
    } catch (const FederationError& error) {
        if (!m_started) {
            m_fileMode = true;
            chunk = m_file.read();
            chunk.note = QStringLiteral("%1; showing %2 from the shared run folder instead")
                             .arg(error.message(), m_file.path());
        } else if (!m_inOutage) {
            m_inOutage = true;
            chunk.note = error.message() + QStringLiteral("; retrying");
        }
    }
    return chunk;
}

std::unique_ptr<RunLogReader> openRunLog(const twins::runs::RunRecord& record,
                                         const BackendSettings& settings) {
    if (record.backend != QLatin1String("interlink")) {
        return std::make_unique<RunLogFileReader>(record.runDirectory);
    }
    std::shared_ptr<Executor> executor;
    QString problem;
    if (record.backendJobId.isEmpty()) {
        problem = QStringLiteral("interlink: run %1 has no pod yet").arg(record.id);
    } else {
        try {
            executor = makeExecutor(settings, record.backend);
        } catch (const FederationError& error) {
            problem = error.message();
        }
    }
    auto* interlink = dynamic_cast<InterlinkExecutor*>(executor.get());
    const twins::federation::BackendJob job{record.id, record.runDirectory, record.backendJobId};
    InterlinkLogReader::Fetch fetch = [executor, interlink, job, problem](int tailLines) {
        if (interlink == nullptr) {
            throw FederationError(problem);
        }
        return interlink->containerLogs(job, tailLines);
    };
    return std::make_unique<InterlinkLogReader>(std::move(fetch), record.runDirectory);
}

} // namespace twins::federation
