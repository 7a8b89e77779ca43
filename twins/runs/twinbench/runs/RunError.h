#pragma once

#include <QString>

#include <stdexcept>

namespace twins::runs {

// Every failure of the run layer is a RunError whose message names the file (a run directory's
// spec.json, the registry database, ...) and the reason, so the GUI and CLI can show it as is.
class RunError : public std::runtime_error {
public:
    RunError(QString path, QString reason);

    const QString& path() const { return m_path; }
    const QString& reason() const { return m_reason; }
    QString message() const { return QString::fromUtf8(what()); }

private:
    QString m_path;
    QString m_reason;
};

} // namespace twins::runs
