#pragma once

// Keeps a map's text readable at any size: graticule labels that would overlap one already
// shown are hidden (earlier labels win, so every other one stays when space halves), and a
// title wider than the view shrinks to fit. Done at the start of each render of the renderer it
// is attached to, and only when the render size, the camera or the labels changed, so the
// animation's frames do not pay for it. Why not vtkLabelPlacementMapper: the labels are plain
// text actors anchored in world coordinates that export as vector text (GL2PS), which the
// placement mapper's textured labels would not.

#include <vtkSmartPointer.h>

#include <array>
#include <cstdint>
#include <vector>

class vtkRenderer;
class vtkTextActor;

namespace twins::viz {

class MapLabelLayout {
public:
    explicit MapLabelLayout(vtkRenderer* renderer);
    ~MapLabelLayout();
    MapLabelLayout(const MapLabelLayout&) = delete;
    MapLabelLayout& operator=(const MapLabelLayout&) = delete;

    // The labels in order of priority; replaces the previous ones.
    void setLabels(std::vector<vtkSmartPointer<vtkTextActor>> labels);
    // Titles (all of one font size) shrink from it until they fit the view's width.
    void setTitles(std::vector<vtkSmartPointer<vtkTextActor>> titles, int fontSize);
    // Labels or titles changed their text: lay out again at the next render.
    void invalidate() {
        m_labelKey = {};
        m_titleKey = {};
    }
    // Lays out now for the renderer's current size and camera (the render observer calls it).
    void layOut();

private:
    vtkRenderer* m_renderer;
    unsigned long m_observer = 0;
    std::vector<vtkSmartPointer<vtkTextActor>> m_labels, m_titles;
    int m_titleFontSize = 14;
    std::array<std::uint64_t, 4> m_labelKey{};
    std::array<std::uint64_t, 3> m_titleKey{};
};

} // namespace twins::viz
