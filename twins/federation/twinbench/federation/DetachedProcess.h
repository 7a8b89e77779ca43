#pragma once

#include <QString>
#include <QStringList>

#include <sys/types.h>

namespace twins::federation {

// Starts `program arguments...` fully detached: in a new session (no controlling terminal, its
// own process group, so a signal to the starter's group or the starter's death does not reach
// it), reparented away from the caller (double fork, so the caller never has to reap it), with
// stdin from /dev/null, stdout and stderr appended to `outputPath`, and no file descriptor of
// the caller other than those (an inherited pipe would keep a reader of the caller waiting).
// Returns the pid of the started program. Throws FederationError when the program cannot be
// executed (with the errno text), so a wrong worker path is reported, not silently lost.
pid_t startDetachedProcess(const QString& program, const QStringList& arguments,
                           const QString& workingDirectory, const QString& outputPath);

} // namespace twins::federation
