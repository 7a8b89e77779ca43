#pragma once

#include "twinbench/viz/VtkView.h"

#include <QPointF>
#include <QString>

#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapToColors.h>
#include <vtkLookupTable.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>

#include <array>
#include <memory>
#include <optional>

namespace twins::data {
struct FieldSlice;
}

namespace twins::viz {

// A VtkView that shows one 2-D field colour-mapped, with a colour bar titled with the variable
// and its units, a title line naming the field, slice and file, and the value under the cursor.
// Left drag pans, the wheel zooms, 'r' resets. (Projections and coastlines: the map view.)
class FieldView : public VtkView {
    Q_OBJECT
public:
    explicit FieldView(QWidget* parent = nullptr);
    ~FieldView() override;

    void showField(std::shared_ptr<const data::FieldSlice> field);
    // Removes the field and shows a message in its place (e.g. why nothing can be shown).
    void showMessage(const QString& message);
    const data::FieldSlice* field() const { return m_field.get(); }
    // What the fixed dimensions of the shown slice mean, e.g. "time 2017-09-06 12:00
    // (noleap)": shown in the title instead of bare indices and appended to the cursor text,
    // so a value is never read without its date. Set it before showField; empty: indices.
    void setSliceLabel(const QString& label);
    QString sliceLabel() const { return m_sliceLabel; }

    void setColorMap(const QString& name);
    QString colorMapName() const { return m_colorMapName; }

    // Fits the field into the view, leaving room for the title and the colour bar.
    void resetCamera();
    // Widget position (logical pixels, origin top-left) where data coordinate (x, y) is drawn.
    QPointF widgetPositionOf(double x, double y) const;
    // Text describing the value at a widget position, e.g. "latitude 45.25, longitude 10:
    // 273.4 K"; empty outside the field.
    QString describePosition(QPointF widgetPosition) const;

signals:
    void cursorTextChanged(const QString& text);

protected:
    // Refits the field to the new size unless the user zoomed or panned since the last fit: a
    // view narrowed by a dock must not slide its field under the colour bar.
    void resizeGL(int width, int height) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void applyColorMap();
    void updateTitle();

    std::shared_ptr<const data::FieldSlice> m_field;
    QString m_colorMapName = QStringLiteral("viridis");
    QString m_sliceLabel;
    // Where the mouse last was over the view, so a new field (the next time step) refreshes
    // the value under a cursor that did not move.
    std::optional<QPointF> m_cursorPosition;
    // The camera as the last resetCamera() left it (focal x, y, parallel scale).
    std::optional<std::array<double, 3>> m_fittedCamera;
    vtkNew<vtkImageData> m_image;
    vtkNew<vtkLookupTable> m_lookupTable;
    vtkNew<vtkImageMapToColors> m_colorMapper;
    vtkNew<vtkImageActor> m_imageActor;
    vtkNew<vtkScalarBarActor> m_scalarBar;
    vtkNew<vtkTextActor> m_title;
};

} // namespace twins::viz
