#pragma once

#include "twinbench/runs/RunRegistry.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

namespace twins::widgets {

// The Runs dock's table: one row per registry record, newest first. setRuns() merges a fresh
// listing into the rows by run id (changed rows emit dataChanged, new runs are inserted), so a
// refresh every second keeps the user's selection and scroll position.
class RunTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        RunColumn,
        ModuleColumn,
        ActionColumn,
        BackendColumn,
        StateColumn,
        ProgressColumn,
        ElapsedColumn,
        DetailColumn,
        ColumnCount
    };
    // Extra roles for filters and delegates.
    enum Role { RunIdRole = Qt::UserRole + 1, StateNameRole, ProgressRole, RecordIndexRole };

    explicit RunTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Replaces the contents with `runs` (newest first, as RunRegistry::list returns them).
    void setRuns(const QList<runs::RunRecord>& runs);
    const runs::RunRecord* recordAt(int row) const;
    int rowOf(const QString& runId) const;

    // The clock used for the elapsed time of active runs; tests fix it.
    void setNow(const QDateTime& now);

private:
    QString elapsedText(const runs::RunRecord& record) const;

    QList<runs::RunRecord> m_runs;
    QHash<QString, int> m_rowOfId;
    QDateTime m_fixedNow;
};

// "12 s", "4 min 05 s", "2 h 03 min", "3 d 4 h".
QString formatDuration(qint64 seconds);

} // namespace twins::widgets
