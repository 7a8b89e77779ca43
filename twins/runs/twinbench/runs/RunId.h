#pragma once

#include <QString>
#include <QStringView>

namespace twins::runs {

// A new run id such as "20240515T101502123Z-3f9a1c2e": UTC time to the millisecond, then random
// hex. Ids sort by creation time as plain strings (so the registry and a directory listing
// agree), and within one process they strictly increase even when created in the same
// millisecond; the random part keeps ids from different processes and machines apart.
QString newRunId();

// True for strings shaped like newRunId()'s, so a run input can be told apart from a path.
bool isRunId(QStringView text);

} // namespace twins::runs
