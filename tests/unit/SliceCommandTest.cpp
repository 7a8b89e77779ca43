// `twinbench-run slice` and `inspect` over every backend: .npy read back by numpy equals
// xarray's decoding, CSV layout, usage errors (exit 2) for bad dimensions and indices.
#include "ProcessRun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Outcome = twins::testing::ProcessOutcome;

Outcome run(const QString& program, const QStringList& arguments) {
    return twins::testing::runProcess(program, arguments);
}

// Prints the maximum absolute difference between the .npy and xarray's float64 decoding of
// temp at time=1 (the same rule as DataReferenceFiles.py), and whether the NaNs coincide.
constexpr const char* compareScript = R"PY(
import sys, json, warnings
warnings.simplefilter("ignore")
import numpy as np, xarray as xr
path, npy = sys.argv[1], sys.argv[2]
opener = xr.open_zarr if path.endswith(".zarr") else xr.open_dataset
raw = opener(path, mask_and_scale=False)[["temp"]]
raw["temp"] = raw["temp"].astype("int32")
reference = xr.decode_cf(raw)["temp"].isel(time=1).values
got = np.load(npy)
same_nan = bool((np.isnan(got) == np.isnan(reference)).all())
diff = float(np.nanmax(np.abs(got - reference))) if got.shape == reference.shape else -1.0
print(json.dumps({"shape": list(got.shape), "dtype": str(got.dtype), "max_abs_diff": diff,
                  "same_nan": same_nan, "nan_count": int(np.isnan(got).sum())}))
)PY";

} // namespace

class SliceCommandTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;

private slots:
    void initTestCase() {
        const Outcome written = run("/usr/bin/python3", {QString(TWINBENCH_SOURCE_DIR) +
                                                             "/tests/unit/DataReferenceFiles.py",
                                                         m_directory.path()});
        if (written.exitCode != 0) {
            QSKIP("Debian's /usr/bin/python3 with netCDF4, xarray, zarr and h5py is missing");
        }
    }

    void npyEqualsXarray_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("netcdf") << "packed.nc";
        QTest::newRow("zarr-zlib") << "packed_zlib.zarr";
        QTest::newRow("zarr-blosc") << "packed_blosc.zarr";
    }

    void npyEqualsXarray() {
        QFETCH(QString, file);
        const QString path = m_directory.filePath(file);
        const QString npy = m_directory.filePath(file + ".npy");
        const Outcome sliced = run(TWINBENCH_WORKER_EXECUTABLE,
                                   {"slice", path, "temp", "--index", "time=1", "--out", npy});
        QVERIFY2(sliced.exitCode == 0, qPrintable(sliced.errors));
        const Outcome compared = run("/usr/bin/python3", {"-c", compareScript, path, npy});
        QVERIFY2(compared.exitCode == 0, qPrintable(compared.errors));
        const QJsonObject result = QJsonDocument::fromJson(compared.output).object();
        QCOMPARE(result["shape"].toArray(), (QJsonArray{4, 8}));
        QCOMPARE(result["dtype"].toString(), QString("float64"));
        QCOMPARE(result["max_abs_diff"].toDouble(), 0.0);
        QVERIFY(result["same_nan"].toBool());
        QCOMPARE(result["nan_count"].toInt(), 1); // the missing_value at (1, 2, 3)
    }

    void csvHasHeaderAndCoordinates() {
        const Outcome sliced =
            run(TWINBENCH_WORKER_EXECUTABLE,
                {"slice", m_directory.filePath("packed.nc"), "temp", "--index", "time=1,lat=2"});
        QVERIFY2(sliced.exitCode == 0, qPrintable(sliced.errors));
        const QStringList lines = QString::fromUtf8(sliced.output).trimmed().split('\n');
        QCOMPARE(lines.size(), 9);
        QCOMPARE(lines[0], QString("lon,temp"));
        QCOMPARE(lines[4], QString("135,nan")); // the missing_value, masked
        QVERIFY(lines[1].startsWith("0,"));
        // A plain HDF5 dataset has no coordinates: the column holds indices.
        const Outcome hdf5 =
            run(TWINBENCH_WORKER_EXECUTABLE,
                {"slice", m_directory.filePath("plain.h5"), "/run1/detector/counts", "--index",
                 "phony_dim_0=1", "--out", m_directory.filePath("counts.csv")});
        QVERIFY2(hdf5.exitCode == 0, qPrintable(hdf5.errors));
        QFile csv(m_directory.filePath("counts.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(csv.readAll()).trimmed().split('\n');
        QCOMPARE(rows[0], QString("phony_dim_1_index,counts"));
        QCOMPARE(rows[1], QString("0,18"));
    }

    void badRequestsAreUsageErrors() {
        const QString path = m_directory.filePath("packed.nc");
        const Outcome unknown =
            run(TWINBENCH_WORKER_EXECUTABLE, {"slice", path, "temp", "--index", "depth=0"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.errors.contains("no dimension 'depth'") &&
                     unknown.errors.contains("time, lat, lon") && unknown.errors.contains(path),
                 qPrintable(unknown.errors));
        const Outcome range =
            run(TWINBENCH_WORKER_EXECUTABLE, {"slice", path, "temp", "--index", "time=3"});
        QCOMPARE(range.exitCode, 2);
        QVERIFY2(range.errors.contains("out of range") && range.errors.contains("valid 0..2"),
                 qPrintable(range.errors));
        const Outcome tooMany = run(TWINBENCH_WORKER_EXECUTABLE, {"slice", path, "temp"});
        QCOMPARE(tooMany.exitCode, 2);
        QVERIFY2(tooMany.errors.contains("3 dimensions remain"), qPrintable(tooMany.errors));
        QCOMPARE(
            run(TWINBENCH_WORKER_EXECUTABLE, {"slice", path, "temp", "--index", "time=x"}).exitCode,
            2);
        QCOMPARE(
            run(TWINBENCH_WORKER_EXECUTABLE, {"slice", path, "nope", "--index", "time=0"}).exitCode,
            2);
        QCOMPARE(run(TWINBENCH_WORKER_EXECUTABLE, {"slice", path}).exitCode, 2);
        const Outcome missing =
            run(TWINBENCH_WORKER_EXECUTABLE, {"slice", m_directory.filePath("none.nc"), "temp"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.errors.contains("does not exist"));
        QVERIFY(QString::fromUtf8(run(TWINBENCH_WORKER_EXECUTABLE, {"--help"}).output)
                    .contains("slice PATH VAR"));
    }

    void inspectEveryBackend_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("variable");
        QTest::newRow("netcdf-groups") << "groups.nc"
                                       << "netCDF-4"
                                       << "";
        QTest::newRow("hdf5") << "plain.h5"
                              << "HDF5"
                              << "energy";
        QTest::newRow("zarr") << "packed_blosc.zarr"
                              << "Zarr v2"
                              << "temp";
    }

    void inspectEveryBackend() {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(QString, variable);
        const Outcome inspected =
            run(TWINBENCH_WORKER_EXECUTABLE, {"inspect", m_directory.filePath(file), "--json"});
        QVERIFY2(inspected.exitCode == 0, qPrintable(inspected.errors));
        const QJsonObject root = QJsonDocument::fromJson(inspected.output).object();
        QCOMPARE(root["schema"].toString(), QString("twinbench-inspect/1"));
        QCOMPARE(root["format"].toString(), format);
        if (!variable.isEmpty()) {
            bool found = false;
            for (const QJsonValue& value : root["variables"].toArray()) {
                found = found || value.toObject()["name"].toString() == variable;
            }
            QVERIFY(found);
        } else {
            QCOMPARE(root["groups"].toArray().size(), 2);
        }
    }
};

QTEST_GUILESS_MAIN(SliceCommandTest)
#include "SliceCommandTest.moc"
