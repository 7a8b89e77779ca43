// The CNN's training patches on the harder world (issue 17, item 3): a patch is labelled with
// a centre only for a tropical cyclone, never for the bait (extratropical lows, monsoon
// depressions, weak lows), and every training patch holding bait is kept as a negative. Built
// from a small generated world through the twin's own PatchDataset.
#include "BestTrack.h"
#include "PatchDataset.h"
#include "ScenarioGenerator.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>

using namespace cyclone;

class CyclonePatchLabelsTest : public QObject {
    Q_OBJECT

private slots:
    void baitIsANegativeNeverALabel() {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        ScenarioSettings settings;
        settings.period = "2017-09-01/2017-09-20";
        settings.resolution = 2.0;
        settings.seed = 3;
        settings.harder = true;
        const std::string drivers = directory.filePath("drivers.nc").toStdString();
        const std::string truthPath = directory.filePath("truth.csv").toStdString();
        generateScenario(settings, drivers, truthPath, "test", [](std::size_t, std::size_t) {});
        const std::vector<BestTrackPoint> truth = readBestTrackCsv(truthPath);

        PatchSampling sampling;
        sampling.backgroundRatio = 1.0;
        sampling.validationFraction = 0.25;
        const int size = 10;
        const PatchDataset dataset = buildPatchDataset({{drivers, truthPath}}, size, sampling,
                                                       [](std::size_t, std::size_t) {});
        const PatchGrid& grid = *dataset.grids.front();

        // The truth points of each time, by whether they are bait.
        std::map<std::string, std::vector<const BestTrackPoint*>> byTime;
        std::size_t baitPoints = 0;
        for (const BestTrackPoint& point : truth) {
            byTime[isoTime(point.time)].push_back(&point);
            baitPoints += isBait(point) ? 1 : 0;
        }
        QVERIFY2(baitPoints > 0, "the harder world made no bait to test with");

        std::size_t labelled = 0;
        std::size_t baitNegatives = 0;
        for (const PatchDataset::Step& step : dataset.steps) {
            if (step.validation) {
                continue;
            }
            const auto& points = byTime[isoTime(step.time)];
            for (std::size_t k = 0; k < step.patches.size(); ++k) {
                const PatchTile& tile = grid.tiles()[step.tiles[k]];
                const float* label = &dataset.labels[2 * step.patches[k]];
                if (label[0] >= 0) {
                    ++labelled;
                    // The labelled centre is a tropical cyclone's (labels are clamped into the
                    // patch, so a centre half a cell outside it lies within 0.71 cells).
                    const double row = double(tile.row) + label[0] * (size - 1);
                    const double column = double(tile.column) + label[1] * (size - 1);
                    const BestTrackPoint* nearest = nullptr;
                    double distance = INFINITY;
                    for (const BestTrackPoint* point : points) {
                        const auto at = grid.position(point->latitude, point->longitude);
                        if (at && std::hypot(at->first - row, at->second - column) < distance) {
                            distance = std::hypot(at->first - row, at->second - column);
                            nearest = point;
                        }
                    }
                    QVERIFY2(nearest && distance < 0.75, qPrintable(QString::number(distance)));
                    QVERIFY2(!isBait(*nearest),
                             qPrintable(QString("a patch is labelled with the centre of %1 (%2)")
                                            .arg(QString::fromStdString(nearest->sid),
                                                 QString::fromStdString(nearest->kind))));
                    continue;
                }
                for (const BestTrackPoint* point : points) {
                    const auto at = grid.position(point->latitude, point->longitude);
                    if (isBait(*point) && at && at->first >= double(tile.row) &&
                        at->first < double(tile.row + size) && at->second >= double(tile.column) &&
                        at->second < double(tile.column + size)) {
                        ++baitNegatives;
                        break;
                    }
                }
            }
        }
        qInfo("%zu training patches labelled with a cyclone centre, %zu negatives holding bait "
              "(%zu bait points in the truth)",
              labelled, baitNegatives, baitPoints);
        QVERIFY(labelled > 0);
        QVERIFY(baitNegatives > 0);
    }
};

QTEST_GUILESS_MAIN(CyclonePatchLabelsTest)
#include "CyclonePatchLabelsTest.moc"
