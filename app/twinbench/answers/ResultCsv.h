#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace twins::app {

// A CSV result file of a run (tracks, detections, chart data), read whole so the columns a
// result spec names can be looked up and every error can name the file, line and column.
// Parsed by the SDK's CSV reader (twinbench/sdk/Csv.h: RFC 4180 quoting, blank lines skipped,
// every row with the header's number of fields), so the GUI reads exactly what twins write.
class ResultCsv {
public:
    // Reads `path`; with `unitsRow`, the line after the header holds each column's units (as
    // IBTrACS files have). Throws ResultAnswerError naming the file when it cannot be read or
    // has no header.
    static ResultCsv read(const QString& path, bool unitsRow);

    const QString& path() const { return m_path; }
    QString fileName() const;
    const QStringList& columns() const { return m_columns; }
    qsizetype rowCount() const { return m_rows.size(); }
    // The index of a column named `name`; throws ResultAnswerError naming the file, the
    // column, what it is for (e.g. "options.lat of the result spec") and the columns there are.
    int column(const QString& name, const QString& purpose) const;
    // -1 when there is no such column.
    int findColumn(const QString& name) const { return static_cast<int>(m_columns.indexOf(name)); }
    // The units of a column from the units row; empty without one.
    QString units(int column) const;
    QString text(qsizetype row, int column) const;
    // The cell as a number; NaN for an empty cell. Throws ResultAnswerError naming the file,
    // line and column for text that is not a number.
    double number(qsizetype row, int column) const;

private:
    QString m_path;
    QStringList m_columns;
    QStringList m_units;
    QList<QStringList> m_rows;
    QList<int> m_lineOfRow; // 1-based line in the file, for messages
};

} // namespace twins::app
