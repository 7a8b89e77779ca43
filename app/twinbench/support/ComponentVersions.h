#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace twins::app {

// The libraries this GUI process runs with, as (name, version) in display order; shared by
// `twinbench --version` and the About dialog. LibTorch is not among them: the GUI never loads
// it (twins::sdk::torchVersion() is the worker's).
QList<std::pair<QString, QString>> componentVersions();

} // namespace twins::app
