#include "answers/ResultCsv.h"

#include "answers/ResultAnswerError.h"

#include <QFile>
#include <QFileInfo>

#include <limits>

namespace twins::app {

namespace {

// Splits one line into cells, honouring quotes. Quoted cells with line breaks are not
// supported: no result file the twins write has them, and a tracks file must stay line-based
// for messages to name a line.
QStringList splitLine(const QString& line) {
    QStringList cells;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                    cell += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            cells << cell.trimmed();
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells << cell.trimmed();
    return cells;
}

} // namespace

ResultCsv ResultCsv::read(const QString& path, bool unitsRow) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        throw ResultAnswerError(
            QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()).toStdString());
    }
    ResultCsv table;
    table.m_path = path;
    int lineNumber = 0;
    while (!file.atEnd()) {
        QString line = QString::fromUtf8(file.readLine());
        ++lineNumber;
        if (lineNumber == 1 && line.startsWith(QChar(0xFEFF))) {
            line.remove(0, 1); // a byte order mark from spreadsheet exports
        }
        while (line.endsWith(QLatin1Char('\n')) || line.endsWith(QLatin1Char('\r'))) {
            line.chop(1);
        }
        if (line.trimmed().isEmpty()) {
            continue;
        }
        QStringList cells = splitLine(line);
        if (table.m_columns.isEmpty()) {
            table.m_columns = cells;
        } else if (unitsRow && table.m_units.isEmpty() && table.m_rows.isEmpty()) {
            table.m_units = cells;
        } else {
            table.m_rows.append(std::move(cells));
            table.m_lineOfRow.append(lineNumber);
        }
    }
    if (table.m_columns.isEmpty()) {
        throw ResultAnswerError(
            QStringLiteral("%1 is empty: expected a header line naming the columns")
                .arg(table.fileName())
                .toStdString());
    }
    return table;
}

QString ResultCsv::fileName() const {
    return QFileInfo(m_path).fileName();
}

int ResultCsv::column(const QString& name, const QString& purpose) const {
    const int index = findColumn(name);
    if (index < 0) {
        throw ResultAnswerError(
            QStringLiteral("%1 has no column '%2' (%3); its columns are: %4")
                .arg(fileName(), name, purpose, m_columns.join(QStringLiteral(", ")))
                .toStdString());
    }
    return index;
}

QString ResultCsv::units(int column) const {
    return column >= 0 && column < m_units.size() ? m_units.at(column) : QString();
}

QString ResultCsv::text(qsizetype row, int column) const {
    const QStringList& cells = m_rows.at(row);
    return column >= 0 && column < cells.size() ? cells.at(column) : QString();
}

double ResultCsv::number(qsizetype row, int column) const {
    const QString cell = text(row, column);
    if (cell.isEmpty()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    bool ok = false;
    const double value = cell.toDouble(&ok);
    if (!ok) {
        throw ResultAnswerError(
            QStringLiteral("%1 line %2, column '%3': expected a number, got '%4'")
                .arg(fileName())
                .arg(m_lineOfRow.at(row))
                .arg(m_columns.value(column), cell)
                .toStdString());
    }
    return value;
}

} // namespace twins::app
