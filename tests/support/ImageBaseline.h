#pragma once

// Compares rendered images with baseline PNGs committed under tests/baselines/, with a
// tolerance rather than exact bytes: a pixel differs when one of its channels is off by more
// than `channelTolerance`, and the comparison fails when more than `maxDifferingFraction` of
// the pixels differ. On failure the actual image and a diff image (differing pixels in red
// over a faded copy of the baseline) are written to BUILD_DIR/baseline-failures/ and named in
// the message. TWINBENCH_UPDATE_BASELINES=1 rewrites the baselines from the actual images.
#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QString>
#include <QtGlobal>

#include <algorithm>
#include <cstdlib>

namespace twins::testing {

struct BaselineTolerance {
    int channelTolerance = 8;            // 0-255, per channel
    double maxDifferingFraction = 0.002; // share of all pixels
};

struct BaselineComparison {
    bool passed = false;
    QString message;
    double differingFraction = 1.0;
    int largestDifference = 255;
};

inline QString baselinePath(const QString& name) {
    return QStringLiteral(TWINBENCH_SOURCE_DIR "/tests/baselines/") + name + QStringLiteral(".png");
}

// Check: the normal use (may rewrite the baseline, writes failure images). Probe: only
// measures, e.g. to show that a deliberately wrong image would fail; never writes anything.
enum class BaselineUse { Check, Probe };

inline BaselineComparison compareWithBaseline(const QImage& rendered, const QString& name,
                                              const BaselineTolerance& tolerance = {},
                                              BaselineUse use = BaselineUse::Check) {
    BaselineComparison result;
    const QImage actual = rendered.convertToFormat(QImage::Format_RGB32);
    const QString path = baselinePath(name);
    if (use == BaselineUse::Check &&
        qEnvironmentVariable("TWINBENCH_UPDATE_BASELINES") == QLatin1String("1")) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        result.passed = actual.save(path, "PNG", 0); // 0: smallest file
        result.differingFraction = 0.0;
        result.largestDifference = 0;
        result.message = result.passed ? QStringLiteral("baseline %1 rewritten").arg(path)
                                       : QStringLiteral("cannot write baseline %1").arg(path);
        return result;
    }
    const QString failures = QStringLiteral(TWINBENCH_BINARY_DIR "/baseline-failures/");
    const QString actualPath = failures + name + QStringLiteral("-actual.png");
    const QString diffPath = failures + name + QStringLiteral("-diff.png");
    const auto writeActual = [&]() {
        if (use == BaselineUse::Probe) {
            return;
        }
        QDir().mkpath(failures);
        actual.save(actualPath, "PNG");
    };
    const QImage expected(path);
    if (expected.isNull()) {
        writeActual();
        result.message = QStringLiteral("no baseline image %1 (actual written to %2; run with "
                                        "TWINBENCH_UPDATE_BASELINES=1 to create it)")
                             .arg(path, actualPath);
        return result;
    }
    const QImage baseline = expected.convertToFormat(QImage::Format_RGB32);
    if (baseline.size() != actual.size()) {
        writeActual();
        result.message = QStringLiteral("%1 is %2x%3 but the baseline %4 is %5x%6 (actual "
                                        "written to %7)")
                             .arg(name)
                             .arg(actual.width())
                             .arg(actual.height())
                             .arg(path)
                             .arg(baseline.width())
                             .arg(baseline.height())
                             .arg(actualPath);
        return result;
    }
    QImage diff(baseline.size(), QImage::Format_RGB32);
    long long differing = 0;
    int largest = 0;
    for (int y = 0; y < baseline.height(); ++y) {
        const auto* a = reinterpret_cast<const QRgb*>(actual.constScanLine(y));
        const auto* b = reinterpret_cast<const QRgb*>(baseline.constScanLine(y));
        auto* d = reinterpret_cast<QRgb*>(diff.scanLine(y));
        for (int x = 0; x < baseline.width(); ++x) {
            const int delta =
                std::max({std::abs(qRed(a[x]) - qRed(b[x])), std::abs(qGreen(a[x]) - qGreen(b[x])),
                          std::abs(qBlue(a[x]) - qBlue(b[x]))});
            largest = std::max(largest, delta);
            if (delta > tolerance.channelTolerance) {
                ++differing;
                d[x] = qRgb(230, 0, 0);
            } else {
                const int grey = 190 + qGray(b[x]) / 4;
                d[x] = qRgb(grey, grey, grey);
            }
        }
    }
    const double pixels = static_cast<double>(baseline.width()) * baseline.height();
    result.differingFraction = differing / pixels;
    result.largestDifference = largest;
    result.passed = result.differingFraction <= tolerance.maxDifferingFraction;
    result.message = QStringLiteral("%1: %2 of %3 pixels (%4%) differ by more than %5 from %6 "
                                    "(allowed %7%), largest difference %8")
                         .arg(name)
                         .arg(differing)
                         .arg(static_cast<long long>(pixels))
                         .arg(100.0 * result.differingFraction, 0, 'f', 3)
                         .arg(tolerance.channelTolerance)
                         .arg(path)
                         .arg(100.0 * tolerance.maxDifferingFraction, 0, 'f', 3)
                         .arg(largest);
    if (!result.passed && use == BaselineUse::Check) {
        writeActual();
        diff.save(diffPath, "PNG");
        result.message += QStringLiteral("; actual: %1, diff: %2").arg(actualPath, diffPath);
    }
    return result;
}

// True when baselines are being rewritten (then probes against them prove nothing).
inline bool updatingBaselines() {
    return qEnvironmentVariable("TWINBENCH_UPDATE_BASELINES") == QLatin1String("1");
}

} // namespace twins::testing

// QVERIFY with the comparison's message; prints the measured difference when it passes too.
#define TB_COMPARE_BASELINE(image, name, tolerance)                                                \
    do {                                                                                           \
        const auto tbComparison =                                                                  \
            twins::testing::compareWithBaseline((image), (name), (tolerance));                     \
        QVERIFY2(tbComparison.passed, qPrintable(tbComparison.message));                           \
        qInfo("%s", qPrintable(tbComparison.message));                                             \
    } while (false)
