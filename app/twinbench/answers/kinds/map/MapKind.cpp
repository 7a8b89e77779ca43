// map: a field of one of the run's dataset outputs (spec variable, colour map, units), opened
// in the workspace's map view like any file, with every view feature (projection, slider,
// export, animation); a what-if's map answer (fields on a lat/lon grid) is drawn by MapPage.
#include "answers/AnswerKinds.h"
#include "answers/kinds/map/MapPage.h"

namespace twins::app {

AnswerKind mapAnswerKind() {
    AnswerKind kind;
    kind.name = QStringLiteral("map");
    kind.shownInWorkspace = true;
    kind.makePage = [](QWidget* parent) { return new MapPage(parent); };
    kind.figureWriters = {ExportFormat::Writer::RasterImage};
    return kind;
}

} // namespace twins::app
