#pragma once
// Whether two renderings show the same field: the middle of the view (the edges hold labels
// that name the source, which differ between a file and its URL), sampled every third pixel.
// Used where a dataset opened another way (by URL, from a STAC asset) must draw as the local
// file does.
#include <QImage>
#include <QRect>
#include <QSet>
#include <QString>

namespace twins::testing {

struct FieldPixelComparison {
    int same = 0;
    int compared = 0;
    int colours = 0; // distinct colours in the second image's middle: a real field, not a blank

    // At least 99% equal pixels over a field of more than 20 colours.
    bool sameField() const { return colours > 20 && same >= compared * 99 / 100; }
    QString text() const {
        return QStringLiteral("%1 of %2 pixels equal, %3 colours")
            .arg(same)
            .arg(compared)
            .arg(colours);
    }
};

inline FieldPixelComparison compareFieldPixels(const QImage& a, const QImage& b) {
    FieldPixelComparison result;
    if (a.size() != b.size()) {
        return result;
    }
    QSet<QRgb> colours;
    const QRect middle(a.width() / 4, a.height() / 4, a.width() / 2, a.height() / 2);
    for (int y = middle.top(); y < middle.bottom(); y += 3) {
        for (int x = middle.left(); x < middle.right(); x += 3) {
            ++result.compared;
            result.same += a.pixel(x, y) == b.pixel(x, y) ? 1 : 0;
            colours.insert(b.pixel(x, y));
        }
    }
    result.colours = static_cast<int>(colours.size());
    return result;
}

} // namespace twins::testing
