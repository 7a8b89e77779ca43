#include "workspace/ViewCell.h"

#include "twinbench/viz/FieldView.h"

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

} // namespace twins::app
