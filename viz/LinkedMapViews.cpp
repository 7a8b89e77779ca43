#include "twinbench/viz/LinkedMapViews.h"

#include "twinbench/data/FieldSlice.h"

#include <QHBoxLayout>

namespace twins::viz {

LinkedMapViews::LinkedMapViews(QWidget* parent)
    : QWidget(parent), m_left(new MapView(this)), m_right(new MapView(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_left, 1);
    layout->addWidget(m_right, 1);
    // followCamera does not emit cameraMoved, so the link cannot ping-pong.
    connect(m_left, &MapView::cameraMoved, m_right, [this]() { m_right->followCamera(*m_left); });
    connect(m_right, &MapView::cameraMoved, m_left, [this]() { m_left->followCamera(*m_right); });
}

bool LinkedMapViews::setMeanAndSpread(std::shared_ptr<const data::FieldSlice> mean,
                                      std::shared_ptr<const data::FieldSlice> spread,
                                      QString* error) {
    if (!m_left->setField(std::move(mean), error)) {
        return false;
    }
    m_right->setColorMap(QStringLiteral("magma"));
    m_right->setColorScale(ColorScale::Linear);
    if (!m_right->setField(std::move(spread), error)) {
        return false;
    }
    m_left->scene().setCaption(QStringLiteral("Left: ensemble mean; right: ensemble spread "
                                              "(standard deviation), cameras linked"));
    m_right->scene().setCaption(
        QStringLiteral("Colour: ensemble spread (standard deviation), sequential magma"));
    return true;
}

void LinkedMapViews::setProjection(const MapProjection& projection) {
    m_left->setProjection(projection);
    m_right->setProjection(projection);
}

} // namespace twins::viz
