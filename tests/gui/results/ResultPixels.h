#pragma once

#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/Vsup.h"

#include <QColor>
#include <QImage>
#include <QString>

#include <algorithm>
#include <functional>
#include <vector>

// Pixel checks of a rendered result, one per answer kind (what a reader of the picture would
// look for): each returns "" when the picture passes, or what is wrong with it.
namespace twins::testing {

// Share of pixels (every 3rd in both directions) matching `test`.
inline double pixelShare(const QImage& image, const std::function<bool(const QColor&)>& test) {
    qsizetype matching = 0;
    qsizetype all = 0;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            matching += test(image.pixelColor(x, y)) ? 1 : 0;
            ++all;
        }
    }
    return all == 0 ? 0.0 : static_cast<double>(matching) / static_cast<double>(all);
}

// Not white, grey or black (pale colours included).
inline bool isColoured(const QColor& c) {
    return std::max({c.red(), c.green(), c.blue()}) - std::min({c.red(), c.green(), c.blue()}) > 20;
}

// Sum of the channels' differences.
inline int colourDistance(const QColor& a, const QColor& b) {
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
           std::abs(a.blue() - b.blue());
}

inline std::function<bool(const QColor&)> near(const QColor& colour, int tolerance = 30) {
    return [colour, tolerance](const QColor& c) { return colourDistance(colour, c) <= tolerance; };
}

// The reddish shading of a spectrogram's mask.
inline bool isMaskShade(const QColor& c) {
    return c.red() > c.green() + 50 && c.red() > c.blue() + 50;
}

inline QString share(double value) {
    return QString::number(value, 'g', 3);
}

// Every picture: the size asked for and some text or lines on it.
inline QString drawnAtAll(const QImage& image, const QSize& size) {
    if (image.isNull()) {
        return QStringLiteral("no picture");
    }
    if (image.size() != size) {
        return QStringLiteral("%1 x %2 instead of %3 x %4")
            .arg(image.width())
            .arg(image.height())
            .arg(size.width())
            .arg(size.height());
    }
    const double ink = pixelShare(image, [](const QColor& c) { return c.lightness() < 160; });
    return ink > 0.002 ? QString() : QStringLiteral("no text or lines (%1 ink)").arg(share(ink));
}

// Within `tolerance` of any colour of the named map, its dark and light ends included. 20:
// the volume's transfer function interpolates 8 of the map's colours linearly, up to 18 off.
inline std::function<bool(const QColor&)> anyOfColorMap(const QString& name, int tolerance = 20) {
    const viz::ColorMap map = viz::ColorMap::named(name);
    std::vector<QColor> colours;
    for (int i = 0; i < 256; ++i) {
        colours.push_back(map.colorAt(i / 255.0));
    }
    return [colours, tolerance](const QColor& c) {
        return std::any_of(colours.begin(), colours.end(), [&](const QColor& entry) {
            return colourDistance(entry, c) <= tolerance;
        });
    };
}

// The colour bar: the longest vertical run of the map's colours in the right 30% of the
// picture that goes from the map's last colour at its top to its first at its bottom (a dark
// panel of one colour is a run too, but not from end to end). x is -1 when there is none.
struct ColourBar {
    int x = -1;
    int top = -1;
    int bottom = -1;
};

inline ColourBar findColourBar(const QImage& image, const viz::ColorMap& map,
                               const std::function<bool(const QColor&)>& in) {
    ColourBar best;
    const auto endToEnd = [&](int x, int top, int bottom) {
        return bottom - top >= image.height() / 4 &&
               colourDistance(image.pixelColor(x, top + 2), map.colorAt(1.0)) <= 30 &&
               colourDistance(image.pixelColor(x, bottom - 2), map.colorAt(0.0)) <= 30;
    };
    for (int x = image.width() * 7 / 10; x < image.width(); ++x) {
        int top = 0;
        for (int y = 0; y <= image.height(); ++y) {
            if (y < image.height() && in(image.pixelColor(x, y))) {
                continue;
            }
            const int bottom = y - 1;
            if (bottom - top > best.bottom - best.top && endToEnd(x, top, bottom)) {
                best = {x, top, bottom};
            }
            top = y + 1;
        }
    }
    return best;
}

// A colour-mapped field (map, uncertainty, volume, spectrogram): a colour bar at the right runs
// through the declared colour map from its last colour at the top to its first at the bottom,
// and a filled patch of that map's colours lies left of it (5 x 5 pixels all in the map:
// cells, not lines or text). `reach` 1 (3 x 3 pixels) for a field under hatching (a map result
// whose spec asks for it), whose lines leave no 5 x 5 patch of a small region's cells.
inline QString colourMappedField(const QImage& image, const QString& colorMap, int reach = 2) {
    const viz::ColorMap map = viz::ColorMap::named(colorMap);
    if (!map.isValid()) {
        return QStringLiteral("the declared colour map '%1' is not one of %2")
            .arg(colorMap, viz::ColorMap::names().join(", "));
    }
    const auto inMap = anyOfColorMap(colorMap);
    const ColourBar bar = findColourBar(image, map, inMap);
    if (bar.x < 0) {
        return QStringLiteral("no colour bar from %1's first colour (%2, bottom) to its last (%3, "
                              "top) in the right 30% of the picture")
            .arg(colorMap, map.colorAt(0.0).name(), map.colorAt(1.0).name());
    }
    int solid = 0;
    const int right = bar.x - 10;
    for (int y = 2; y + 2 < image.height(); y += 2) {
        for (int x = 2; x + 2 < right; x += 2) {
            bool filled = true;
            for (int dy = -reach; dy <= reach && filled; ++dy) {
                for (int dx = -reach; dx <= reach && filled; ++dx) {
                    filled = inMap(image.pixelColor(x + dx, y + dy));
                }
            }
            solid += filled ? 1 : 0;
        }
    }
    // Measured: 12 x 12 cells of 2 deg on a world map give ~90 such points, a 2.5 deg
    // hemisphere thousands.
    return solid >= 25 ? QString()
                       : QStringLiteral("no filled %1 field left of the colour bar (%2 points)")
                             .arg(colorMap)
                             .arg(solid);
}

// A field coloured with a value-suppressing uncertainty palette over the named map (a map
// result whose spec asks for VSUP): its wedge legend in the right 30% of the picture shows
// every value bin of the most certain level, and a filled patch of the palette's colours (5 x
// 5 pixels, any level) lies left of it. Tolerance 6: VTK draws the palette's own colours.
inline QString vsupField(const QImage& image, const QString& colorMap) {
    const viz::ColorMap map = viz::ColorMap::named(colorMap);
    if (!map.isValid()) {
        return QStringLiteral("the declared colour map '%1' is not one of %2")
            .arg(colorMap, viz::ColorMap::names().join(", "));
    }
    const viz::VsupPalette palette(map);
    const auto inPalette = [&](const QColor& c) {
        for (int index = 0; index < palette.colorCount(); ++index) {
            if (colourDistance(palette.colorAtIndex(index), c) <= 6) {
                return true;
            }
        }
        return false;
    };
    const int legendLeft = image.width() * 7 / 10;
    for (int bin = 0; bin < palette.binsAtLevel(0); ++bin) {
        const QColor colour = palette.color(0, bin);
        bool found = false;
        for (int y = 0; y < image.height() && !found; ++y) {
            for (int x = legendLeft; x < image.width() && !found; ++x) {
                found = colourDistance(image.pixelColor(x, y), colour) <= 6;
            }
        }
        if (!found) {
            return QStringLiteral("no VSUP wedge: the most certain level's bin %1 (%2) is not "
                                  "in the right 30% of the picture")
                .arg(bin)
                .arg(colour.name());
        }
    }
    int solid = 0;
    for (int y = 2; y + 2 < image.height(); y += 2) {
        for (int x = 2; x + 2 < legendLeft; x += 2) {
            bool filled = true;
            for (int dy = -2; dy <= 2 && filled; ++dy) {
                for (int dx = -2; dx <= 2 && filled; ++dx) {
                    filled = inPalette(image.pixelColor(x + dx, y + dy));
                }
            }
            solid += filled ? 1 : 0;
        }
    }
    return solid >= 25 ? QString()
                       : QStringLiteral("no filled field in the VSUP palette of %1 left of its "
                                        "wedge (%2 points)")
                             .arg(colorMap)
                             .arg(solid);
}

// Lines or dots drawn on a map: a few coloured pixels, not a filled picture.
inline QString fewColouredMarks(const QImage& image) {
    const double marks = pixelShare(image, isColoured);
    return marks > 0.0001 && marks < 0.05
               ? QString()
               : QStringLiteral("%1 of the picture coloured (tracks or points expected)")
                     .arg(share(marks));
}

// A chart: one of its first three series (curves, bars, markers; they may hide one another)
// in its categorical colour.
inline QString seriesDrawn(const QImage& image) {
    double series = 0.0;
    for (int index = 0; index < 3; ++index) {
        series += pixelShare(image, near(viz::ColorMap::categorical(index)));
    }
    return series > 0.0003
               ? QString()
               : QStringLiteral("%1 of the picture in the series' colours").arg(share(series));
}

// A table: text on paper, no colour.
inline QString textOnly(const QImage& image) {
    const double colour = pixelShare(image, isColoured);
    return colour < 0.001 ? QString() : QStringLiteral("%1 of a table coloured").arg(share(colour));
}

} // namespace twins::testing
