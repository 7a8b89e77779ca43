#pragma once

#include "twinbench/viz/SpectrogramScene.h"
#include "twinbench/viz/VtkView.h"

#include <memory>

namespace twins::viz {

// A VtkView showing a waterfall (time or phase x frequency) with its band and profile
// summaries and colour bar (see SpectrogramScene). renderToImage() exports PNG at any size;
// exportFigure() writes PNG, SVG or PDF without touching the view's window.
class SpectrogramView : public VtkView {
    Q_OBJECT
public:
    explicit SpectrogramView(QWidget* parent = nullptr);
    ~SpectrogramView() override;

    // Returns false with *error set, keeping what was shown, when the data or style cannot
    // be drawn (wrong sizes, unknown colour map, log scale without positive values ...).
    bool setSpectrogram(const SpectrogramData& data, const SpectrogramStyle& style = {},
                        QString* error = nullptr);
    bool setColorMap(const QString& name, QString* error = nullptr);
    bool setColorScale(ColorScale scale, QString* error = nullptr);
    const SpectrogramScene* scene() const { return m_scene.get(); }

    // Scene position (logical widget pixels, origin top-left) of a waterfall point.
    std::optional<QPointF> widgetPositionOf(SpectrogramScene::Panel panel, double x,
                                            double y) const;

    // Writes the figure to PATH (.png, .svg or .pdf) at `size` pixels; throws
    // FigureRenderError.
    void exportFigure(const QString& path, QSize size) const;
    // The same figure as an image at `size` pixels, from a scene of its own.
    QImage renderFigure(QSize size) const;

    // The value under a widget position (logical pixels, origin top-left), with its bin,
    // channel and mask; empty outside the waterfall.
    QString describePosition(QPointF widgetPosition) const;

signals:
    // The value under the mouse as it moves over the waterfall (empty when it leaves).
    void cursorTextChanged(const QString& text);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    std::unique_ptr<SpectrogramScene> m_scene;
};

} // namespace twins::viz
