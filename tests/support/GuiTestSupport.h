#pragma once

#include <QColor>
#include <QImage>
#include <QString>

#include <cstdlib>

namespace twins::testing {

// True when the pixel's colour is within tolerance (per channel, 0-255) of the expected one.
// x and y are logical pixels: they are scaled by the image's device pixel ratio, so the same
// checks hold on high-DPI screens (QT_SCALE_FACTOR=2).
inline bool colourNear(const QImage& image, int x, int y, QColor expected, int tolerance,
                       QString* description = nullptr) {
    const qreal ratio = image.devicePixelRatio();
    x = qRound(x * ratio);
    y = qRound(y * ratio);
    const QColor actual = image.pixelColor(x, y);
    const bool near = std::abs(actual.red() - expected.red()) <= tolerance &&
                      std::abs(actual.green() - expected.green()) <= tolerance &&
                      std::abs(actual.blue() - expected.blue()) <= tolerance;
    if (description != nullptr) {
        *description = QStringLiteral("pixel (%1,%2) is %3, expected %4 +- %5")
                           .arg(x)
                           .arg(y)
                           .arg(actual.name(), expected.name())
                           .arg(tolerance);
    }
    return near;
}

} // namespace twins::testing

// QVERIFY with a message describing the pixel that failed.
#define TB_VERIFY_COLOUR(image, x, y, expected, tolerance)                                         \
    do {                                                                                           \
        QString tbDescription;                                                                     \
        QVERIFY2(twins::testing::colourNear((image), (x), (y), (expected), (tolerance),            \
                                            &tbDescription),                                       \
                 qPrintable(tbDescription));                                                       \
    } while (false)
