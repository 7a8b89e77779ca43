#include "models/ReliabilityDiagram.h"

#include "twinbench/sdk/Csv.h"
#include "twinbench/viz/ColorMap.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <vector>

namespace twins::app {

namespace {

// The plot's square in image pixels: room for the axis labels left and below, the legend right.
constexpr double plotLeft = 52.0;
constexpr double plotTop = 14.0;
constexpr double plotSide = 260.0;

struct Curve {
    QString name;
    std::vector<QPointF> points; // (predicted, observed)
};

std::size_t columnOf(const twins::sdk::CsvTable& table, const char* name, const QString& csvPath) {
    const auto found = std::find(table.header.begin(), table.header.end(), name);
    if (found == table.header.end()) {
        throw std::runtime_error(QStringLiteral("%1 has no column '%2' (expected curve, "
                                                "mean_predicted, observed_frequency, samples)")
                                     .arg(csvPath, QLatin1String(name))
                                     .toStdString());
    }
    return std::size_t(found - table.header.begin());
}

std::vector<Curve> readCurves(const QString& csvPath) {
    const twins::sdk::CsvTable table = twins::sdk::readCsv(csvPath.toStdString());
    const std::size_t curveColumn = columnOf(table, "curve", csvPath);
    const std::size_t predictedColumn = columnOf(table, "mean_predicted", csvPath);
    const std::size_t observedColumn = columnOf(table, "observed_frequency", csvPath);
    std::vector<Curve> curves;
    for (const auto& row : table.rows) {
        const QString name = QString::fromStdString(row.fields.at(curveColumn));
        auto curve = std::find_if(curves.begin(), curves.end(),
                                  [&](const Curve& c) { return c.name == name; });
        if (curve == curves.end()) {
            curves.push_back({name, {}});
            curve = curves.end() - 1;
        }
        const double predicted = std::stod(row.fields.at(predictedColumn));
        const double observed = std::stod(row.fields.at(observedColumn));
        if (std::isfinite(predicted) && std::isfinite(observed)) {
            curve->points.emplace_back(predicted, observed);
        }
    }
    if (curves.empty()) {
        throw std::runtime_error(csvPath.toStdString() + " holds no reliability bins");
    }
    return curves;
}

} // namespace

QPointF reliabilityPlotPoint(double predicted, double observed) {
    return {plotLeft + std::clamp(predicted, 0.0, 1.0) * plotSide,
            plotTop + (1.0 - std::clamp(observed, 0.0, 1.0)) * plotSide};
}

QColor reliabilityCurveColour(int index) {
    return viz::ColorMap::categorical(index); // the same colours as the xy_curves charts
}

QImage drawReliabilityDiagram(const QString& csvPath, QString* error) {
    std::vector<Curve> curves;
    try {
        curves = readCurves(csvPath);
    } catch (const std::exception& failure) {
        if (error) {
            *error = QString::fromStdString(failure.what());
        }
        return {};
    }
    QImage image(reliabilityDiagramSize, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font = painter.font();
    font.setPixelSize(11);
    painter.setFont(font);

    const QRectF plot(plotLeft, plotTop, plotSide, plotSide);
    painter.setPen(QPen(QColor(225, 225, 225), 1));
    for (int i = 1; i < 5; ++i) {
        const QPointF low = reliabilityPlotPoint(i / 5.0, 0.0);
        const QPointF left = reliabilityPlotPoint(0.0, i / 5.0);
        painter.drawLine(QPointF(low.x(), plot.top()), QPointF(low.x(), plot.bottom()));
        painter.drawLine(QPointF(plot.left(), left.y()), QPointF(plot.right(), left.y()));
    }
    painter.setPen(QPen(Qt::black, 1));
    painter.drawRect(plot);
    for (int i = 0; i <= 5; ++i) {
        const QString label = QString::number(i / 5.0, 'g', 2);
        const QPointF x = reliabilityPlotPoint(i / 5.0, 0.0);
        const QPointF y = reliabilityPlotPoint(0.0, i / 5.0);
        painter.drawText(QRectF(x.x() - 15, plot.bottom() + 2, 30, 14), Qt::AlignCenter, label);
        painter.drawText(QRectF(plot.left() - 32, y.y() - 7, 28, 14),
                         Qt::AlignRight | Qt::AlignVCenter, label);
    }
    painter.drawText(QRectF(plot.left(), plot.bottom() + 16, plotSide, 16), Qt::AlignCenter,
                     QStringLiteral("predicted probability"));
    painter.save();
    painter.translate(12, plot.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-plotSide / 2, -8, plotSide, 16), Qt::AlignCenter,
                     QStringLiteral("observed frequency"));
    painter.restore();
    painter.setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
    painter.drawLine(reliabilityPlotPoint(0, 0), reliabilityPlotPoint(1, 1));

    const double legendLeft = plot.right() + 10;
    for (std::size_t c = 0; c < curves.size(); ++c) {
        const QColor colour = reliabilityCurveColour(int(c));
        painter.setPen(QPen(colour, 2));
        painter.setBrush(colour);
        QPainterPath path;
        for (std::size_t i = 0; i < curves[c].points.size(); ++i) {
            const QPointF at =
                reliabilityPlotPoint(curves[c].points[i].x(), curves[c].points[i].y());
            i == 0 ? path.moveTo(at) : path.lineTo(at);
        }
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
        painter.setBrush(colour);
        for (const QPointF& point : curves[c].points) {
            painter.drawEllipse(reliabilityPlotPoint(point.x(), point.y()), 3, 3);
        }
        const double y = plot.top() + 6 + 30.0 * double(c);
        painter.drawLine(QPointF(legendLeft, y), QPointF(legendLeft + 14, y));
        painter.setPen(Qt::black);
        painter.drawText(
            QRectF(legendLeft + 18, y - 8, reliabilityDiagramSize.width() - legendLeft - 20, 30),
            Qt::TextWordWrap, curves[c].name);
    }
    return image;
}

} // namespace twins::app
