#pragma once

// The uncertainty-encoding state of a MapScene (private to viz/): kept out of MapScene.h so
// that the scene's users do not see the encodings' internals.
#include "twinbench/viz/Hatching.h"
#include "twinbench/viz/MapScene.h"
#include "twinbench/viz/Vsup.h"
#include "twinbench/viz/VsupLayer.h"

#include <vtkActor.h>
#include <vtkLookupTable.h>
#include <vtkProp.h>
#include <vtkTextActor.h>

#include <optional>
#include <vector>

namespace twins::viz {

struct MapScene::Uncertainty {
    // VSUP
    std::shared_ptr<const data::FieldSlice> vsupUncertainty;
    std::optional<VsupPalette> palette;
    std::optional<std::pair<double, double>> explicitUncertaintyRange;
    VsupRanges ranges;
    std::shared_ptr<data::FieldSlice> indexField;
    const data::FieldSlice* indexFor = nullptr; // the field indexField was computed from
    vtkSmartPointer<vtkLookupTable> vsupTable;
    std::vector<vtkSmartPointer<vtkProp>> legendProps;
    // Hatching
    std::optional<RobustnessMap> hatching;
    vtkSmartPointer<vtkActor> hatchActor;
    vtkSmartPointer<vtkTextActor> hatchLegend;
    double hatchBuiltScale = 0.0; // camera parallel scale and focal point of the last build
    double hatchBuiltFocal[2] = {0.0, 0.0};
    // Caption and layout
    vtkSmartPointer<vtkTextActor> caption;
    QString userCaption;
    int pixelWidth = 1000;
    int pixelHeight = 650;
};

} // namespace twins::viz
