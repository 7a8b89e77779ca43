#pragma once

#include "twinbench/viz/Coastlines.h"
#include "twinbench/viz/ColorRange.h"
#include "twinbench/viz/MapProjection.h"

#include <QColor>
#include <QString>
#include <QStringList>

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

class vtkActor;
class vtkActor2D;
class vtkContextActor;
class vtkProp;
class vtkProperty;
class vtkLookupTable;
class vtkScalarBarActor;
class vtkTextActor;

namespace twins::data {
struct FieldSlice;
}

namespace twins::viz {

class MapLabelLayout;
class VsupPalette;
struct RobustnessMap;

class MapSceneError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class PointSymbol { Circle, Square, Triangle, Diamond, Cross };

// Everything a map shows, in one vtkRenderer that any render window can draw: the on-screen
// MapView and the offscreen figure export share it, so a figure is exactly what the view shows.
// Layers, bottom to top: projected field cells, graticule, borders, coastlines, overlays
// (contours, tracks, points), the map outline; then title, source line, colour bar and
// graticule labels. Changing the projection rebuilds every layer from lon/lat.
class MapScene {
public:
    MapScene();
    ~MapScene();
    MapScene(const MapScene&) = delete;
    MapScene& operator=(const MapScene&) = delete;

    vtkRenderer* renderer() const { return m_renderer; }

    void setProjection(const MapProjection& projection);
    const MapProjection& projection() const { return m_projection; }

    // Shows a lon/lat field. Throws MapSceneError when its axes are not longitude/latitude or
    // it has no finite value. The colour range is chosen from the data with the current
    // scale (see setColorScale) unless an explicit range was set for this field afterwards.
    void setField(std::shared_ptr<const data::FieldSlice> field);
    void clearField(const QString& message);
    const data::FieldSlice* field() const { return m_field.get(); }
    // The next time step of the same variable: a field on the same grid (same axes and
    // coordinates) replaces the current one by swapping the cell values of the projected mesh,
    // keeping the colour range, overlays and hatching. Rebuilding the mesh costs far more than
    // a frame at 1440x721. Returns false and changes nothing when the grid differs or a VSUP
    // palette colours the field; call setField then.
    bool replaceFieldValues(std::shared_ptr<const data::FieldSlice> field);
    // True once after replaceFieldValues (MapView draws animation frames with thin lines).
    bool takeValuesReplaced() { return std::exchange(m_valuesReplaced, false); }
    // Lines wider than 1 pixel drawn 1 pixel wide (thin) or at their own width. Why: on
    // software OpenGL (llvmpipe) VTK draws wide lines through a geometry shader; measured on
    // the 1440x721 animation bench, 1-pixel lines raised the frame rate from 31-35 to 39 fps.
    void setThinLines(bool thin);
    // Regular lon/lat fields with at least this many cells are drawn as a texture on a coarse
    // projected mesh (MapFieldTexture.h) instead of one quad per cell: the same picture, but a
    // 1440x721 field animates at tens of frames per second instead of one. Vector exports
    // (GL2PS keeps polygons, not textures) set it to the maximum so every cell is a polygon.
    void setTextureFieldMinimumCells(std::size_t cells);
    static constexpr std::size_t defaultTextureMinimumCells = 200000;
    // For SVG/PDF export (MapSceneVectorExport.cpp): the map's layers drawn as 2D actors, which
    // VTK's GL2PS exporter writes as vector paths (3D props it only rasterises). Turn it off
    // again after the export; the view is unchanged in between.
    void setVectorExport(bool on);
    bool fieldIsTexture() const { return m_fieldImage != nullptr; }
    // What the fixed dimensions of the slice mean, e.g. "time 2024-01-01 06:00 (standard)",
    // shown in the title instead of "time = 3"; empty: the indices.
    void setSliceLabel(const QString& label);

    // Returns false (and changes nothing) for an unknown colour map name.
    bool setColorMap(const QString& name);
    QString colorMapName() const { return m_colorMapName; }
    // Re-chooses the range from the data with this scale. Throws ColorRangeError (e.g. log
    // of data without positive values); the previous range then stays.
    void setColorScale(ColorScale scale);
    // An explicit range; throws ColorRangeError when invalid for the current scale.
    void setColorRange(double minimum, double maximum);
    ColorRange colorRange() const { return m_range; }

    // Crude for the globe, low when zoomed in (MapView switches by zoom).
    void setCoastlineResolution(CoastlineResolution resolution);
    CoastlineResolution coastlineResolution() const { return m_coastResolution; }
    void setGraticuleSpacing(double degrees);
    double graticuleSpacing() const { return m_graticuleSpacing; }

    // Overlays, kept in lon/lat and re-projected with the map.
    // A polyline whose segments are coloured by the mean of their end values.
    void addTrack(const std::vector<GeoPoint>& points, const std::vector<double>& values,
                  const QString& colorMapName, double minimum, double maximum);
    // Markers of a given size in pixels at a view height of 600 (they scale with the view).
    void addPoints(const std::vector<GeoPoint>& points, PointSymbol symbol, QColor color,
                   double sizePixels = 8.0);
    // Contour lines of the current field at the given levels.
    void addContours(const std::vector<double>& levels, QColor color);
    void clearOverlays();

    // Points the camera so the whole map fits the area left free by the title and colour bar
    // in a render window of this size (pixels); zoom 1.
    void fitCamera(int pixelWidth, int pixelHeight);
    // Zoom relative to fitCamera (2 = map twice as large).
    double zoomFactor() const;

    // Lon/lat under a world point of the plane; std::nullopt off the map.
    std::optional<GeoPoint> geoPointAt(MapPoint world) const;
    // "45.25°N 10.5°E: 273.4 K" (or "... : missing"); empty off the map or field.
    QString describe(MapPoint world) const;

    // Title text actually shown (for tests): field title and slice, then source and projection.
    QString titleText() const;
    // The graticule labels drawn at the last render (crowded ones are hidden).
    QStringList shownGraticuleLabels() const;

    // --- Uncertainty encodings (issue 5 item 2), defined in MapSceneUncertainty.cpp. Each one
    // states on the figure what it encodes: a caption line under the map and its own legend.
    // Colours the current field with a value-suppressing uncertainty palette (VSUP):
    // `uncertainty` must be on the field's grid; its range is 0..max unless given. The wedge
    // legend replaces the colour bar. Throws MapSceneError (no field, other grid, no finite
    // uncertainty); the scene is then unchanged. A new field on another grid drops VSUP.
    void setVsupUncertainty(std::shared_ptr<const data::FieldSlice> uncertainty,
                            const VsupPalette& palette,
                            std::optional<std::pair<double, double>> uncertaintyRange = {});
    void clearVsup();
    bool hasVsup() const;
    // Hatches the field's cells by ensemble robustness (IPCC AR6 style, see Hatching.h); the
    // classes must be on the field's grid (MapSceneError otherwise). Lines keep a fixed screen
    // density: they are rebuilt when the camera zooms (updateForCamera) and on fitCamera.
    void setHatching(const RobustnessMap& robustness);
    void clearHatching();
    bool hasHatching() const;
    // Number of hatch line segments currently drawn (0 without hatching).
    long long hatchSegmentCount() const;
    // Replaces the automatic caption (which states the active encodings); "" restores it.
    void setCaption(const QString& caption);
    // The caption line(s) shown under the map, "" when there is none.
    QString captionText() const;
    // Every legend text of the active encodings (wedge labels, hatching key), for tests.
    QStringList legendTexts() const;
    // The render window's size in pixels, for legend layout and hatch density (fitCamera sets
    // it too; MapView calls it on resize).
    void setViewportSize(int pixelWidth, int pixelHeight);
    // Rebuilds screen-space layers (hatching) after a pan or zoom; cheap when nothing changed.
    void updateForCamera();

private:
    struct Uncertainty;
    void createUncertaintyActors();
    void uncertaintyFieldChanged(); // after setField / clearField
    void refreshVsupField();        // value range or field changed
    void rebuildHatching();
    void rebuildUncertaintyLegends();
    void updateCaption();
    const data::FieldSlice& fieldToDraw() const;
    vtkLookupTable* fieldLookupTable() const;
    std::unique_ptr<Uncertainty> m_uncertainty;

    void rebuildField();
    void refreshFieldTexture(); // colours of a texture-drawn field after values or colours change
    void rebuildBackground();   // outline, graticule, coastlines
    void rebuildOverlays();
    void applyColorMap();
    void updateTitle();
    void clearLabels();

    struct Overlay;
    MapProjection m_projection;
    std::shared_ptr<const data::FieldSlice> m_field;
    QString m_sliceLabel;
    QString m_colorMapName = QStringLiteral("viridis");
    ColorRange m_range;
    CoastlineResolution m_coastResolution = CoastlineResolution::Crude;
    double m_graticuleSpacing = 30.0;
    double m_fittedScale = 1.0;
    std::vector<Overlay> m_overlays;

    vtkNew<vtkRenderer> m_renderer;
    vtkSmartPointer<vtkLookupTable> m_lookupTable;
    vtkSmartPointer<vtkActor> m_fieldActor;
    vtkSmartPointer<vtkImageData> m_fieldImage; // the texture's RGBA texels, when a texture
    std::size_t m_textureMinimumCells = defaultTextureMinimumCells;
    bool m_vectorExport = false;
    vtkSmartPointer<vtkContextActor> m_vectorLayers; // paints the hidden layers for GL2PS
    std::vector<vtkSmartPointer<vtkActor>> m_hiddenForVectorExport;
    vtkSmartPointer<vtkActor> m_graticuleActor;
    vtkSmartPointer<vtkActor> m_borderActor;
    vtkSmartPointer<vtkActor> m_coastActor;
    vtkSmartPointer<vtkActor> m_outlineActor;
    std::vector<vtkSmartPointer<vtkActor>> m_overlayActors;
    std::vector<vtkSmartPointer<vtkTextActor>> m_labelActors;
    vtkSmartPointer<vtkScalarBarActor> m_scalarBar;
    vtkSmartPointer<vtkTextActor> m_title;
    vtkSmartPointer<vtkTextActor> m_source;
    bool m_valuesReplaced = false;
    // Line properties drawn thin, with their own widths (setThinLines).
    std::vector<std::pair<vtkSmartPointer<vtkProperty>, double>> m_thinnedLines;
    // Hides graticule labels that would overlap and fits the title to the view's width.
    std::unique_ptr<MapLabelLayout> m_labelLayout;
};

} // namespace twins::viz
