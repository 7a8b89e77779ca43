// Mutation fuzzing of the NetCDF open/read path: random byte flips, truncations and splices of
// a valid NetCDF-4 (HDF5) file must give a DataError or valid data, never a crash or a hang.
// Label "fuzz": not part of `make test`; run with `ctest -L fuzz`.
#include "TestFiles.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/data/examples/SyntheticSurfaceTemperature.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <random>

class NetcdfOpenFuzzTest : public QObject {
    Q_OBJECT

private slots:
    void mutatedFilesNeverCrash() {
        QTemporaryDir directory;
        const QString seedPath = directory.filePath("seed.nc");
        twins::data::examples::SyntheticSurfaceOptions options;
        options.longitudes = 48;
        options.latitudes = 25;
        options.times = 2;
        twins::data::examples::writeSyntheticSurfaceFile(seedPath.toStdString(), options);
        const QByteArray seed = twins::testing::readBytes(seedPath);
        QVERIFY(!seed.isEmpty());

        std::mt19937 generator(12345);
        const QString mutantPath = directory.filePath("mutant.nc");
        int refused = 0;
        int accepted = 0;
        QElapsedTimer budget;
        budget.start();
        for (int iteration = 0; iteration < 3000 && budget.elapsed() < 240000; ++iteration) {
            QByteArray mutant = seed;
            const int flips = 1 + static_cast<int>(generator() % 16);
            for (int f = 0; f < flips; ++f) {
                mutant[static_cast<int>(generator() % mutant.size())] =
                    static_cast<char>(generator() & 0xff);
            }
            if (generator() % 5 == 0) {
                mutant.truncate(static_cast<int>(generator() % mutant.size()));
            }
            QVERIFY(twins::testing::writeBytes(mutantPath, mutant));
            try {
                const auto file = twins::data::NetcdfFile::open(mutantPath.toStdString());
                for (const auto& variable : file->variables()) {
                    if (variable.rank() >= 2 && variable.valueCount() < 10'000'000) {
                        twins::data::readFieldSlice(*file, variable.name);
                    }
                }
                ++accepted;
            } catch (const twins::data::DataError&) {
                ++refused;
            }
        }
        qInfo("fuzz: %d mutants refused with DataError, %d read", refused, accepted);
        QVERIFY(refused > 0);
    }
};

QTEST_GUILESS_MAIN(NetcdfOpenFuzzTest)
#include "NetcdfOpenFuzzTest.moc"
