#pragma once

#include "answers/AnswerPage.h"

#include <array>

namespace twins::viz {
class VolumeView;
}

namespace twins::app {

struct ExploreVolumes;

// One or two volume views side by side, the answer's conditions in each title. While values
// change (a slider is dragged), VTK's level-of-detail switch casts fewer rays; refine() asks
// for full quality once they stop.
class VolumePage : public AnswerPage {
    Q_OBJECT
public:
    explicit VolumePage(QWidget* parent = nullptr);

    ExploreAnswerHeader showAnswer(const QJsonObject& answer, bool interactive) override;
    bool drawsInteractiveDetail() const override { return true; }
    void refine() override;
    // The shown volumes side by side, each at half the width.
    QImage renderFigure(QSize size) const override;

    viz::VolumeView* volumeView(int index) const {
        return m_volumes[static_cast<std::size_t>(index)];
    }

private:
    void setUpdateRate(bool interactive);

    std::array<viz::VolumeView*, 2> m_volumes{};
};

} // namespace twins::app
