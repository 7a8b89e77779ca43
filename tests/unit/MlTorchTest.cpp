// The worker-only ML library's torch parts (twins/ml): weights are saved atomically (a save that
// fails half-way, here at the process's file-size limit as on a full disk, leaves the previous
// weights loadable and no temporary file), and LibTorch errors become one-line SdkErrors.
// LibTorch before any Qt header (TorchErrors.h includes QString): Qt's `slots` macro breaks
// LibTorch's ivalue_inl.h.
#include <torch/nn/modules/linear.h>
#include <torch/serialize.h>
// clang-format off
#include "twinbench/ml/TorchSave.h"
#include "twinbench/ml/TorchErrors.h"
#include "twinbench/ml/TorchSetup.h"
// clang-format on

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Lowers RLIMIT_FSIZE for its lifetime: writes past `bytes` fail with EFBIG (SIGXFSZ ignored).
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        std::signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &m_saved);
        rlimit lowered = m_saved;
        lowered.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &lowered);
    }
    ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &m_saved); }

private:
    rlimit m_saved{};
};

} // namespace

class MlTorchTest : public QObject {
    Q_OBJECT

private slots:
    void failedSaveKeepsThePreviousWeights() {
        twins::ml::useComputeThreads(1);
        twins::ml::seedTorch(1);
        QTemporaryDir directory;
        const QString path = directory.filePath("generator.pt");
        torch::nn::Linear small(4, 4);
        twins::ml::saveAtomically(small, path.toStdString());
        const QByteArray before = readAll(path);
        QVERIFY(!before.isEmpty());

        torch::nn::Linear big(500, 500); // ~1 MB of weights
        bool failed = false;
        {
            const FileSizeLimit limit(256 * 1024);
            try {
                twins::ml::saveAtomically(big, path.toStdString());
            } catch (const std::exception&) {
                failed = true;
            }
        }
        QVERIFY(failed);
        QCOMPARE(readAll(path), before);
        torch::nn::Linear reloaded(4, 4);
        torch::load(reloaded, path.toStdString());
        QVERIFY(torch::equal(reloaded->weight, small->weight));
        QCOMPARE(QDir(directory.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{"generator.pt"});

        // A successful save replaces the file whole.
        twins::ml::saveAtomically(big, path.toStdString());
        torch::nn::Linear bigAgain(500, 500);
        torch::load(bigAgain, path.toStdString());
        QVERIFY(torch::equal(bigAgain->weight, big->weight));
        // (torch::save to the file itself under the same limit does not fail cleanly: LibTorch
        // 1.13's PyTorchStreamWriter throws from its destructor and the process aborts, with
        // the previous file already truncated; see TorchSave.h.)
    }

    void torchErrorsBecomeOneLine() {
        torch::nn::Linear layer(4, 4);
        try {
            twins::ml::runTorch(QStringLiteral("testtwin infer"), QStringLiteral("predicting"),
                                [&] {
                                    return layer->forward(torch::zeros({2, 3}));
                                });
            QFAIL("a 2x3 input to a 4-input layer must fail");
        } catch (const twins::sdk::SdkError& error) {
            const QString message = error.message();
            QVERIFY2(message.startsWith("testtwin infer: predicting: ") &&
                         message.contains("cannot be multiplied") && !message.contains('\n') &&
                         !message.contains("Exception raised from") && !message.contains("frame #"),
                     qPrintable(message));
        }
        // An SdkError (cancellation included) passes unchanged; inside runTorch every other
        // failure is torch's (Tensor::view throws a plain std::runtime_error) and gets the
        // context; guardTorch converts only LibTorch's own errors.
        QVERIFY_THROWS_EXCEPTION(twins::sdk::ActionCancelled,
                                 twins::ml::runTorch(QStringLiteral("x"), QString(),
                                                     [] { throw twins::sdk::ActionCancelled(); }));
        try {
            twins::ml::runTorch(QStringLiteral("calogan generate"), QStringLiteral("generating"),
                                [] {
                                    return torch::zeros({6}).view({4, 2});
                                });
            QFAIL("must throw");
        } catch (const twins::sdk::SdkError& error) {
            QVERIFY2(error.message().startsWith("calogan generate: generating: shape '[4, 2]'"),
                     qPrintable(error.message()));
        }
        try {
            twins::ml::guardTorch(QStringLiteral("x"),
                                  [] { throw std::invalid_argument("width must be positive"); });
            QFAIL("must throw");
        } catch (const std::invalid_argument& error) {
            QCOMPARE(QString(error.what()), QStringLiteral("width must be positive"));
        }
        try {
            twins::ml::guardTorch(QStringLiteral("calogan train"), [&] {
                layer->forward(torch::zeros({2, 3}));
            });
            QFAIL("must throw");
        } catch (const twins::sdk::SdkError& error) {
            QVERIFY2(error.message().startsWith("calogan train: mat1 and mat2 shapes cannot be "
                                                "multiplied") &&
                         !error.message().contains('\n'),
                     qPrintable(error.message()));
        }
    }
};

QTEST_GUILESS_MAIN(MlTorchTest)
#include "MlTorchTest.moc"
