#pragma once

#include "export/FigureExport.h"
#include "twinbench/viz/Hatching.h"
#include "twinbench/viz/MapScene.h"
#include "twinbench/widgets/TimeSlider.h"

#include <QString>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace twins::data {
class Dataset;
struct FieldSlice;
} // namespace twins::data

namespace twins::app {

// What one frame of a scripted figure needs from the file. Reading it is the slow part, so
// it is a value that can be read on another thread while the previous frame renders.
struct FigureFrameData {
    std::map<std::string, std::size_t> indices;
    // The map's field: the variable, or for the exceedance encoding the probability that the
    // ensemble --uncertainty exceeds the threshold.
    std::shared_ptr<const data::FieldSlice> field;
    // The spread (right panel) or the VSUP uncertainty; null otherwise.
    std::shared_ptr<const data::FieldSlice> second;
    std::optional<viz::RobustnessMap> robustness; // hatch encoding
    int ensembleMembers = 0;                      // exceedance encoding
    double threshold = 0.0; // hatch, exceedance: the one used (StatedThreshold.h)
    // "time 2024-01-01 06:00 (standard)": what the fixed indices mean, for the title.
    QString sliceLabel;
};

// "" when `second` is on the grid of `field`; else a sentence naming both variables and their
// shapes ("'sd' (lat 10 x lon 20) does not fit 't2m' (lat 721 x lon 1440): ...").
QString shapeMismatch(const data::FieldSlice& field, const data::FieldSlice& second);

// The dimensions of the figure's variable beyond the two mapped (with their decoded labels),
// read once per figure or animation. Throws FigureExportError naming the file and variable.
std::vector<widgets::SliceDimension> figureDimensions(const data::Dataset& dataset,
                                                      const FigureRequest& request);

// Reads the request's variable(s) at `indices` through the Dataset API (any format; 0..360
// longitudes shown as -180..180 like the GUI) and applies the encoding's statistics. Safe on
// any thread. Throws FigureExportError naming the file, variable(s) and reason; a second
// variable that does not fit names both variables and their shapes.
FigureFrameData readFigureFrame(const data::Dataset& dataset, const FigureRequest& request,
                                const std::vector<widgets::SliceDimension>& dimensions,
                                const std::map<std::string, std::size_t>& indices);

// The map panels of a figure: one map, or mean and spread side by side. The scenes are
// created on the thread that renders them (PROJ contexts are per thread).
class FigurePanels {
public:
    struct Panel {
        std::unique_ptr<viz::MapScene> scene = std::make_unique<viz::MapScene>();
        double viewport[4] = {0.0, 0.0, 1.0, 1.0};
    };

    // Throws FigureExportError for an unknown projection, colour map or colour scale.
    explicit FigurePanels(const FigureRequest& request);

    // Shows a frame. The first frame sets the colour range (the request's, or chosen from
    // that frame's data); later frames keep it, so colours mean the same in every frame of an
    // animation, and only swap the cell values when the grid is the same. Throws
    // FigureExportError.
    void show(const FigureFrameData& frame);

    std::vector<Panel>& panels() { return m_panels; }
    const viz::MapScene& mainScene() const { return *m_panels.front().scene; }
    // The main panel's title line (for the vector exporter's document title).
    QString title() const;

private:
    void showFirst(const FigureFrameData& frame);

    FigureRequest m_request;
    viz::MapProjection m_projection;
    std::optional<std::pair<double, double>> m_vsupUncertaintyRange;
    std::vector<Panel> m_panels;
    bool m_shownOnce = false;
};

} // namespace twins::app
