#include "answers/ResultCsv.h"

#include "answers/ResultAnswerError.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/TwinFileError.h"

#include <QFile>
#include <QFileInfo>

#include <limits>

namespace twins::app {

ResultCsv ResultCsv::read(const QString& path, bool unitsRow) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw ResultAnswerError(
            QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()).toStdString());
    }
    ResultCsv table;
    table.m_path = path;
    // The SDK's CSV rules, the ones the twins write with (quoting, units row, byte order
    // mark, a field count checked on every line); messages name the file as the views show it.
    sdk::CsvTable parsed;
    try {
        parsed = sdk::parseCsv(file.readAll().toStdString(), table.fileName().toStdString(),
                               sdk::CsvReadOptions{unitsRow});
    } catch (const sdk::TwinFileError& error) {
        throw ResultAnswerError(error.what());
    }
    const auto texts = [](const std::vector<std::string>& fields) {
        QStringList list;
        list.reserve(static_cast<qsizetype>(fields.size()));
        for (const std::string& field : fields) {
            list << QString::fromStdString(field);
        }
        return list;
    };
    table.m_columns = texts(parsed.header);
    table.m_units = texts(parsed.units);
    for (const sdk::CsvTable::Row& row : parsed.rows) {
        table.m_rows.append(texts(row.fields));
        table.m_lineOfRow.append(static_cast<int>(row.line));
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
