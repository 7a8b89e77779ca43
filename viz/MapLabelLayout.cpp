#include "MapLabelLayout.h"

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCoordinate.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

namespace twins::viz {

namespace {

// Free space kept around each label, in pixels, so neighbours do not touch.
constexpr double labelGapPixels = 4.0;
constexpr int smallestTitleFont = 8;

bool overlaps(const std::array<double, 4>& a, const std::array<double, 4>& b) {
    return a[0] < b[1] && b[0] < a[1] && a[2] < b[3] && b[2] < a[3];
}

} // namespace

MapLabelLayout::MapLabelLayout(vtkRenderer* renderer) : m_renderer(renderer) {
    vtkNew<vtkCallbackCommand> starting;
    starting->SetClientData(this);
    starting->SetCallback([](vtkObject*, unsigned long, void* clientData, void*) {
        static_cast<MapLabelLayout*>(clientData)->layOut();
    });
    m_observer = m_renderer->AddObserver(vtkCommand::StartEvent, starting);
}

MapLabelLayout::~MapLabelLayout() {
    m_renderer->RemoveObserver(m_observer);
}

void MapLabelLayout::setLabels(std::vector<vtkSmartPointer<vtkTextActor>> labels) {
    m_labels = std::move(labels);
    invalidate();
}

void MapLabelLayout::setTitles(std::vector<vtkSmartPointer<vtkTextActor>> titles, int fontSize) {
    m_titles = std::move(titles);
    m_titleFontSize = fontSize;
    invalidate();
}

namespace {

std::uint64_t newestChange(const std::vector<vtkSmartPointer<vtkTextActor>>& actors) {
    std::uint64_t newest = 0;
    for (const auto& actor : actors) {
        newest = std::max<std::uint64_t>(
            {newest, actor->GetMTime(), actor->GetTextProperty()->GetMTime()});
    }
    return newest;
}

} // namespace

void MapLabelLayout::layOut() {
    const int* size = m_renderer->GetSize();
    if (size[0] <= 0 || size[1] <= 0) {
        return;
    }
    const std::uint64_t camera = m_renderer->GetActiveCamera()->GetMTime();
    // Keys are taken after our own changes (visibility, font size), which raise the actors'
    // times: an animation that only retitles the map re-fits the title, not the labels.
    const std::array<std::uint64_t, 4> labelKey{std::uint64_t(size[0]), std::uint64_t(size[1]),
                                                camera, newestChange(m_labels)};
    if (labelKey != m_labelKey) {
        std::vector<std::array<double, 4>> shown;
        for (const auto& label : m_labels) {
            label->SetVisibility(true);
            // VTK 9.1 gives the text's box relative to its anchor; the anchor is in world
            // coordinates.
            double box[4];
            label->GetBoundingBox(m_renderer, box);
            const double* anchor =
                label->GetPositionCoordinate()->GetComputedDoubleViewportValue(m_renderer);
            const std::array<double, 4> padded{
                anchor[0] + box[0] - labelGapPixels, anchor[0] + box[1] + labelGapPixels,
                anchor[1] + box[2] - labelGapPixels, anchor[1] + box[3] + labelGapPixels};
            const bool hidden = std::any_of(shown.begin(), shown.end(), [&](const auto& other) {
                return overlaps(padded, other);
            });
            label->SetVisibility(!hidden);
            if (!hidden) {
                shown.push_back(padded);
            }
        }
        m_labelKey = {std::uint64_t(size[0]), std::uint64_t(size[1]), camera,
                      newestChange(m_labels)};
    }
    const std::array<std::uint64_t, 3> titleKey{std::uint64_t(size[0]), std::uint64_t(size[1]),
                                                newestChange(m_titles)};
    if (titleKey != m_titleKey) {
        for (const auto& title : m_titles) {
            title->GetTextProperty()->SetFontSize(m_titleFontSize);
            double box[4];
            title->GetBoundingBox(m_renderer, box);
            const double available = 0.96 * size[0];
            const double width = box[1] - box[0];
            if (width > available && width > 0.0) {
                const int fitted = int(std::floor(m_titleFontSize * available / width));
                title->GetTextProperty()->SetFontSize(std::max(smallestTitleFont, fitted));
            }
        }
        m_titleKey = {std::uint64_t(size[0]), std::uint64_t(size[1]), newestChange(m_titles)};
    }
}

} // namespace twins::viz
