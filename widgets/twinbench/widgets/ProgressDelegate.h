#pragma once

#include <QStyledItemDelegate>

namespace twins::widgets {

// Draws a cell's progress (the model's ProgressRole, 0..1) as the platform's progress bar.
class ProgressDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

} // namespace twins::widgets
