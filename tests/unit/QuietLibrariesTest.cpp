// HDF5 prints a diagnostic stack ("HDF5-DIAG: Error detected in HDF5 ...") on stderr for every
// failed call unless told not to, and the thread-safe HDF5 on Debian keeps that setting per
// thread: NetCDF-C 4.9.0 probes optional attributes (_QuantizeBitRoundNumberOfSignificantBits)
// on every netCDF-4 open, so each thread that opens a file must be silenced, not only the first.
// Opens a netCDF-4 file from the main thread and then from fresh threads, with stderr captured.
#include "twinbench/data/Dataset.h"
#include "twinbench/data/NetcdfWriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

class QuietLibrariesTest : public QObject {
    Q_OBJECT

private slots:
    void noHdf5DiagnosticsFromAnyThread() {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const std::string file = directory.filePath("field.nc").toStdString();
        {
            twins::data::NetcdfWriter writer(file);
            writer.addDimension("x", 4);
            writer.addVariable("t", twins::data::NetcdfWriter::Type::Double, {"x"}, 1);
            const std::vector<double> values{1, 2, 3, 4};
            writer.write("t", {0}, {4}, values.data());
            writer.commit();
        }
        const QString captured = directory.filePath("stderr.txt");
        const int saved = ::dup(STDERR_FILENO);
        const int capture = ::open(QFile::encodeName(captured).constData(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
        QVERIFY(saved >= 0 && capture >= 0);
        ::dup2(capture, STDERR_FILENO);
        ::close(capture);
        // A truncated copy: HDF5 fails inside and would print its stack.
        const std::string truncated = directory.filePath("truncated.nc").toStdString();
        {
            QFile whole(QString::fromStdString(file));
            QVERIFY(whole.open(QIODevice::ReadOnly));
            QFile cut(QString::fromStdString(truncated));
            QVERIFY(cut.open(QIODevice::WriteOnly));
            cut.write(whole.readAll().left(static_cast<int>(whole.size() / 2)));
        }
        const auto openAndRead = [&] {
            const auto dataset = twins::data::openDataset(file);
            dataset->readDecoded("t", twins::data::Hyperslab{{0}, {4}, {}});
            try {
                twins::data::openDataset(truncated)->readDecoded(
                    "t", twins::data::Hyperslab{{0}, {4}, {}});
            } catch (const std::exception&) {
                // expected: the file is cut short
            }
        };
        openAndRead();
        for (int i = 0; i < 3; ++i) {
            std::thread(openAndRead).join();
        }
        ::fflush(stderr);
        ::dup2(saved, STDERR_FILENO);
        ::close(saved);
        QFile text(captured);
        QVERIFY(text.open(QIODevice::ReadOnly));
        const QByteArray printed = text.readAll();
        QVERIFY2(!printed.contains("HDF5-DIAG"), printed.left(2000).constData());
    }
};

QTEST_GUILESS_MAIN(QuietLibrariesTest)
#include "QuietLibrariesTest.moc"
