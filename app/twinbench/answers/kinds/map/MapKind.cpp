// map: a field of one of the run's dataset outputs (spec variable, colour map, units), opened
// in the workspace's map view like any file, with every view feature (projection, slider,
// export, animation).
#include "answers/AnswerKinds.h"

namespace twins::app {

AnswerKind mapAnswerKind() {
    AnswerKind kind;
    kind.name = QStringLiteral("map");
    kind.shownInWorkspace = true;
    return kind;
}

} // namespace twins::app
