#include "workspace/ViewCell.h"

#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"

#include <QStackedWidget>

namespace twins::app {

ViewCell::ViewCell(viz::FieldView* view, QWidget* parent)
    : m_view(view), m_stack(new QStackedWidget(parent)) {
    m_stack->addWidget(view);
}

ViewCell::~ViewCell() {
    delete m_stack; // with the view, its map and its pair
}

QWidget* ViewCell::currentWidget() const {
    return m_stack->currentWidget();
}

void ViewCell::showResultWidget(QWidget* widget) {
    if (m_result != nullptr && m_result != widget) {
        m_stack->removeWidget(m_result);
        m_result->deleteLater();
    }
    m_result = widget;
    m_stack->addWidget(widget);
    m_stack->setCurrentWidget(widget);
}

void ViewCell::clearResultWidget() {
    if (m_result == nullptr) {
        return;
    }
    m_stack->removeWidget(m_result);
    m_result->deleteLater();
    m_result = nullptr;
    m_stack->setCurrentWidget(!projection.isEmpty() && map != nullptr
                                  ? static_cast<QWidget*>(map)
                                  : static_cast<QWidget*>(m_view));
}

} // namespace twins::app
