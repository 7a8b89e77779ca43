// --help and --version of both executables, and the worker's example command.
#include "twinbench/data/NetcdfFile.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

class CommandLineTest : public QObject {
    Q_OBJECT

    struct Outcome {
        int exitCode = -1;
        QString output;
        QString errors;
    };

    static Outcome run(const QString& program, const QStringList& arguments,
                       bool withoutDisplay = false) {
        QProcess process;
        if (withoutDisplay) {
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.remove("DISPLAY");
            environment.remove("WAYLAND_DISPLAY");
            process.setProcessEnvironment(environment);
        }
        process.start(program, arguments);
        if (!process.waitForFinished(60000)) {
            process.kill();
            return {};
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

private slots:
    void guiVersionWorksWithoutDisplay() {
        const Outcome outcome = run(TWINBENCH_GUI_EXECUTABLE, {"--version"}, true);
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(outcome.output.startsWith("Twinbench 0."), qPrintable(outcome.output));
        for (const char* library :
             {"Qt 6.", "VTK 9.", "NetCDF 4.", "HDF5 1.", "GDAL 3.", "LibTorch"}) {
            QVERIFY2(outcome.output.contains(library), library);
        }
    }

    void guiHelpListsOptions() {
        const Outcome outcome = run(TWINBENCH_GUI_EXECUTABLE, {"--help"}, true);
        QCOMPARE(outcome.exitCode, 0);
        for (const char* option : {"--variable", "--example", "--version", "FILE"}) {
            QVERIFY2(outcome.output.contains(option), option);
        }
    }

    void guiRejectsUnknownOption() {
        const Outcome outcome = run(TWINBENCH_GUI_EXECUTABLE, {"--no-such-option"}, true);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY(outcome.errors.contains("no-such-option"));
    }

    void workerVersionAndHelp() {
        const Outcome version = run(TWINBENCH_WORKER_EXECUTABLE, {"--version"}, true);
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.output.startsWith("twinbench-run 0."));
        QVERIFY(version.output.contains("LibTorch 1."));
        const Outcome help = run(TWINBENCH_WORKER_EXECUTABLE, {"--help"}, true);
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.output.contains("Usage: twinbench-run"));
        const Outcome unknown = run(TWINBENCH_WORKER_EXECUTABLE, {"frobnicate"}, true);
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.errors.contains("unknown command 'frobnicate'"));
    }

    void workerWritesTheExampleDataset() {
        QTemporaryDir directory;
        const QString path = directory.filePath("example.nc");
        const Outcome outcome = run(TWINBENCH_WORKER_EXECUTABLE, {"example", path}, true);
        QCOMPARE(outcome.exitCode, 0);
        const auto file = twins::data::NetcdfFile::open(path.toStdString());
        const auto& t2m = file->variable("t2m");
        QCOMPARE(t2m.shape, (std::vector<std::size_t>{4, 721, 1440}));
        QCOMPARE(t2m.units(), std::string("K"));
        // Physically plausible: decoded temperatures between 190 K and 330 K, no gaps.
        const std::vector<double> values = file->readDecoded("t2m", {0, 0, 0}, {1, 721, 1440});
        double low = 1e9;
        double high = -1e9;
        for (double value : values) {
            QVERIFY(std::isfinite(value));
            low = std::min(low, value);
            high = std::max(high, value);
        }
        QVERIFY2(low > 190.0 && high < 330.0 && high - low > 40.0,
                 qPrintable(QString("range %1..%2").arg(low).arg(high)));
    }

    void workerExampleIntoMissingDirectoryFailsClearly() {
        const Outcome outcome =
            run(TWINBENCH_WORKER_EXECUTABLE, {"example", "/nonexistent-dir/x.nc"}, true);
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.errors.contains("/nonexistent-dir/x.nc"), qPrintable(outcome.errors));
    }
};

QTEST_GUILESS_MAIN(CommandLineTest)
#include "CommandLineTest.moc"
