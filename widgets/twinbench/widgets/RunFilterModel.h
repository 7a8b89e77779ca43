#pragma once

#include <QSortFilterProxyModel>

#include <optional>

namespace twins::widgets {

// Filters the runs table by free text (matched in id, module, action, backend and detail) and
// by state. Case-insensitive substring matching on plain columns, so 10,000 rows filter in a
// few milliseconds (see tests/bench/RunsDockBench.cpp).
class RunFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit RunFilterModel(QObject* parent = nullptr);

    void setText(const QString& text);
    // Empty: every state; "active": created, queued or running; otherwise a state name.
    void setStateFilter(const QString& stateName);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    QString m_state;
};

} // namespace twins::widgets
