// uncertainty: a field that is the uncertainty of another (spread, probability), opened in
// the workspace's map view; Properties > Uncertainty of the map pairs it with its value.
#include "answers/AnswerKinds.h"

namespace twins::app {

AnswerKind uncertaintyAnswerKind() {
    AnswerKind kind;
    kind.name = QStringLiteral("uncertainty");
    kind.shownInWorkspace = true;
    return kind;
}

} // namespace twins::app
