#include "twinbench/widgets/RunTableModel.h"

#include <QBrush>
#include <QColor>

namespace twins::widgets {

using runs::RunRecord;
using runs::RunState;

namespace {

QColor stateColour(RunState state) {
    switch (state) {
    case RunState::Succeeded:
        return QColor(0x1b, 0x7f, 0x3b);
    case RunState::Failed:
        return QColor(0xb0, 0x20, 0x20);
    case RunState::Cancelled:
        return QColor(0x80, 0x80, 0x80);
    case RunState::Running:
        return QColor(0x1f, 0x5f, 0xbf);
    case RunState::Created:
    case RunState::Queued:
        break;
    }
    return QColor(0x60, 0x60, 0x60);
}

bool sameDisplay(const RunRecord& a, const RunRecord& b) {
    return a.state == b.state && a.detail == b.detail && a.progress == b.progress &&
           a.backendJobId == b.backendJobId && a.updatedAt == b.updatedAt;
}

} // namespace

QString formatDuration(qint64 seconds) {
    if (seconds < 0) {
        seconds = 0;
    }
    if (seconds < 60) {
        return QStringLiteral("%1 s").arg(seconds);
    }
    if (seconds < 3600) {
        return QStringLiteral("%1 min %2 s")
            .arg(seconds / 60)
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    }
    if (seconds < 86400) {
        return QStringLiteral("%1 h %2 min")
            .arg(seconds / 3600)
            .arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
}

RunTableModel::RunTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int RunTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunTableModel::elapsedText(const RunRecord& record) const {
    if (!record.createdAt.isValid()) {
        return {};
    }
    // Terminal runs stop their clock at their last update; active ones keep counting.
    const QDateTime end =
        runs::isTerminal(record.state)
            ? record.updatedAt
            : (m_fixedNow.isValid() ? m_fixedNow : QDateTime::currentDateTimeUtc());
    return formatDuration(record.createdAt.secsTo(end));
}

QVariant RunTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_runs.size()) {
        return {};
    }
    const RunRecord& record = m_runs[index.row()];
    switch (role) {
    case RunIdRole:
        return record.id;
    case StateNameRole:
        return runs::runStateName(record.state);
    case ProgressRole:
        return record.progress;
    case RecordIndexRole:
        return index.row();
    case Qt::ForegroundRole:
        if (index.column() == StateColumn) {
            return QBrush(stateColour(record.state));
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DetailColumn || index.column() == StateColumn) {
            return record.detail;
        }
        if (index.column() == RunColumn) {
            return QStringLiteral("%1\n%2").arg(record.id, record.runDirectory);
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case RunColumn:
        return record.id;
    case ModuleColumn:
        return record.moduleId;
    case ActionColumn:
        return record.action;
    case BackendColumn:
        return record.backendJobId.isEmpty()
                   ? record.backend
                   : QStringLiteral("%1 #%2").arg(record.backend, record.backendJobId);
    case StateColumn:
        return runs::runStateName(record.state);
    case ProgressColumn:
        return QStringLiteral("%1%").arg(qRound(record.progress * 100.0));
    case ElapsedColumn:
        return elapsedText(record);
    case DetailColumn:
        // One line in the table; the full text is in the tooltip and the details panel.
        return record.detail.section(QLatin1Char('\n'), 0, 0);
    default:
        return {};
    }
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case RunColumn:
        return tr("Run");
    case ModuleColumn:
        return tr("Module");
    case ActionColumn:
        return tr("Action");
    case BackendColumn:
        return tr("Backend");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case ElapsedColumn:
        return tr("Elapsed");
    case DetailColumn:
        return tr("Detail");
    default:
        return {};
    }
}

void RunTableModel::setRuns(const QList<RunRecord>& runs) {
    // Fast path for the common refresh: the same runs in the same order, some of them changed,
    // possibly with new runs on top (ids are time-ordered, newest first).
    const qsizetype added = runs.size() - m_runs.size();
    bool sameTail = added >= 0;
    for (qsizetype row = 0; sameTail && row < m_runs.size(); ++row) {
        sameTail = runs[row + added].id == m_runs[row].id;
    }
    if (!sameTail) {
        beginResetModel();
        m_runs = runs;
        m_rowOfId.clear();
        for (int row = 0; row < m_runs.size(); ++row) {
            m_rowOfId.insert(m_runs[row].id, row);
        }
        endResetModel();
        return;
    }
    for (qsizetype row = 0; row < m_runs.size(); ++row) {
        const RunRecord& fresh = runs[row + added];
        if (!sameDisplay(fresh, m_runs[row])) {
            m_runs[row] = fresh;
            emit dataChanged(index(static_cast<int>(row), 0),
                             index(static_cast<int>(row), ColumnCount - 1));
        }
    }
    if (added > 0) {
        beginInsertRows({}, 0, static_cast<int>(added) - 1);
        m_runs = runs;
        m_rowOfId.clear();
        for (int row = 0; row < m_runs.size(); ++row) {
            m_rowOfId.insert(m_runs[row].id, row);
        }
        endInsertRows();
    }
    // Elapsed times of active runs move on with the clock.
    if (!m_runs.isEmpty()) {
        emit dataChanged(index(0, ElapsedColumn), index(rowCount() - 1, ElapsedColumn),
                         {Qt::DisplayRole});
    }
}

const RunRecord* RunTableModel::recordAt(int row) const {
    return row >= 0 && row < m_runs.size() ? &m_runs[row] : nullptr;
}

int RunTableModel::rowOf(const QString& runId) const {
    return m_rowOfId.value(runId, -1);
}

void RunTableModel::setNow(const QDateTime& now) {
    m_fixedNow = now;
}

} // namespace twins::widgets
