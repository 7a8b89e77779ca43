#include "twinbench/runs/RunError.h"

namespace twins::runs {

RunError::RunError(QString path, QString reason)
    : std::runtime_error((path + QStringLiteral(": ") + reason).toStdString()),
      m_path(std::move(path)), m_reason(std::move(reason)) {}

} // namespace twins::runs
