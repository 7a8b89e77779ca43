#pragma once

#include <QObject>

namespace twins::viz {
class FieldView;
}

namespace twins::app {

class Workspace;
struct UncertaintyChoice;

// Uncertainty of a view's map: a second variable of the same file shown with an encoding
// (UncertaintyLayer.h). The second variable is read on the thread pool at the view's indices,
// re-read at every time step, and refused with both variables' shapes named when it is not on
// the field's grid. The choice of each view is kept in its cell.
class UncertaintyController : public QObject {
    Q_OBJECT
public:
    explicit UncertaintyController(Workspace& workspace);

    // Applies a choice to the active view (Encoding::None removes its encoding).
    void apply(const UncertaintyChoice& choice);
    // Re-reads a view's choice for the field it shows now (after each new slice).
    void reapply(viz::FieldView* view);
    // The Properties panel's candidates and choice for the active view.
    void refreshPanel();

signals:
    // The encoding of a view was applied, or refused with a message.
    void applied(bool success, const QString& message);

private:
    void request(viz::FieldView* view, const UncertaintyChoice& choice);
    void report(viz::FieldView* view, const QString& text, bool error);

    Workspace& m_workspace;
    int m_requests = 0;
};

} // namespace twins::app
