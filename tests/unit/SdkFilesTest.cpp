// The SDK's shared file parts (twins/sdk/support, twins/sdk/ModelCard): atomic writes (whole
// file or none, no temporary left behind, failures name the path), CSV read/write (quoting,
// units row, errors naming file, line and column) with round-trip number formatting, the
// model card, and processCpuSeconds.
#include "twinbench/sdk/AtomicFile.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/ModelCard.h"
#include "twinbench/sdk/ProcessClock.h"
#include "twinbench/sdk/Random.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/TwinFileError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sys/stat.h>

using namespace twins::sdk;

namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Everything in `directory` but the names listed: temporary files left behind show up here.
QStringList strayFiles(const QString& directory, const QStringList& expected) {
    QStringList stray;
    for (const QString& name :
         QDir(directory).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot)) {
        if (!expected.contains(name)) {
            stray << name;
        }
    }
    return stray;
}

template <typename Call> QString errorOf(Call call) {
    try {
        call();
    } catch (const std::exception& error) {
        return QString::fromUtf8(error.what());
    }
    return QString();
}

} // namespace

class SdkFilesTest : public QObject {
    Q_OBJECT

private slots:
    void atomicWriteReplacesWholeFile() {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("out.txt"));
        writeFileAtomically(path.toStdString(), "first version\n");
        QCOMPARE(readAll(path), QByteArray("first version\n"));
        const std::string big(3 << 20, 'x'); // several write() calls
        writeFileAtomically(path.toStdString(), big);
        QCOMPARE(readAll(path).size(), qsizetype(big.size()));
        QCOMPARE(strayFiles(directory.path(), {QStringLiteral("out.txt")}), QStringList());
        // Readable like any file the worker writes (umask applied), not mkstemp's 0600.
        struct stat info {};
        QCOMPARE(::stat(path.toLocal8Bit().constData(), &info), 0);
        const mode_t mask = ::umask(0);
        ::umask(mask);
        QCOMPARE(info.st_mode & 0777, 0666 & ~mask);
    }

    void atomicWriteFailureNamesPathAndKeepsOldFile() {
        QTemporaryDir directory;
        const QString missing = directory.filePath(QStringLiteral("no/such/dir/out.csv"));
        const QString message = errorOf([&] { writeFileAtomically(missing.toStdString(), "x"); });
        QVERIFY2(message.startsWith(missing + QStringLiteral(": cannot create")),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("No such file or directory")),
                 qPrintable(message));

        // A library writer that fails half-way: the old file stays, nothing else is left.
        const QString path = directory.filePath(QStringLiteral("weights.pt"));
        writeFileAtomically(path.toStdString(), "old weights");
        const QString thrown = errorOf([&] {
            writeFileAtomically(path.toStdString(), [](const std::string& temporary) {
                std::ofstream(temporary) << "half of the new";
                throw std::runtime_error("serialiser failed");
            });
        });
        QCOMPARE(thrown, QStringLiteral("serialiser failed"));
        QCOMPARE(readAll(path), QByteArray("old weights"));
        QCOMPARE(strayFiles(directory.path(), {QStringLiteral("weights.pt")}), QStringList());

        // The temporary lives beside the target (same file system, so rename is atomic).
        std::string seen;
        writeFileAtomically(path.toStdString(), [&](const std::string& temporary) {
            seen = temporary;
            std::ofstream(temporary) << "new weights";
        });
        QCOMPARE(QFileInfo(QString::fromStdString(seen)).absolutePath(),
                 QFileInfo(path).absolutePath());
        QCOMPARE(readAll(path), QByteArray("new weights"));
        QCOMPARE(strayFiles(directory.path(), {QStringLiteral("weights.pt")}), QStringList());
    }

    void numbersRoundTripShortest() {
        QCOMPARE(QString::fromStdString(formatNumber(12.5)), QStringLiteral("12.5"));
        QCOMPARE(QString::fromStdString(formatNumber(0.1)), QStringLiteral("0.1"));
        QCOMPARE(QString::fromStdString(formatNumber(1e-05)), QStringLiteral("1e-05"));
        QCOMPARE(QString::fromStdString(formatNumber(-3.0)), QStringLiteral("-3"));
        QCOMPARE(QString::fromStdString(formatNumber(1.0 / 3.0)),
                 QStringLiteral("0.3333333333333333"));
        QCOMPARE(QString::fromStdString(formatNumber(std::nan(""))), QString());
        QCOMPARE(QString::fromStdString(formatFixed(7.25, 1)), QStringLiteral("7.2"));
        QCOMPARE(QString::fromStdString(formatFixed(1013.0, 1)), QStringLiteral("1013.0"));
        // Any bit pattern that is a finite double reads back exactly through the CSV.
        Random random(7);
        CsvWriter writer({"value"});
        std::vector<double> values;
        while (values.size() < 20000) {
            const std::uint64_t bits = random.next();
            double value;
            std::memcpy(&value, &bits, sizeof value);
            if (std::isfinite(value)) {
                values.push_back(value);
                writer.add(value).endRow();
            }
        }
        const CsvTable table = parseCsv(writer.text(), "values.csv");
        QCOMPARE(table.rows.size(), values.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
            const double back = table.number(table.rows[i], 0, "a number");
            QVERIFY2(std::memcmp(&back, &values[i], sizeof back) == 0,
                     table.rows[i].fields[0].c_str());
        }
    }

    void csvQuotingAndUnits() {
        CsvWriter writer({"name", "lat", "note"});
        writer.row({"", "degrees_north", ""});
        writer.add("Mangkhut, 2018").add(21.25).add("said \"strong\"").endRow();
        writer.add("  padded ").add(std::nan("")).add("").endRow();
        QCOMPARE(QString::fromStdString(writer.text()),
                 QStringLiteral("name,lat,note\n,degrees_north,\n\"Mangkhut, 2018\",21.25,"
                                "\"said \"\"strong\"\"\"\n\"  padded \",,\n"));
        QTemporaryDir directory;
        const std::string path = directory.filePath(QStringLiteral("t.csv")).toStdString();
        writer.writeTo(path);
        const CsvTable table = readCsv(path, {.unitsRow = true});
        QCOMPARE(table.unitsOf(1), std::string("degrees_north"));
        QCOMPARE(table.rows.size(), std::size_t(2));
        QCOMPARE(table.rows[0].line, std::size_t(3));
        QCOMPARE(table.text(table.rows[0], 0), std::string("Mangkhut, 2018"));
        QCOMPARE(table.text(table.rows[0], 2), std::string("said \"strong\""));
        QCOMPARE(table.text(table.rows[1], 0), std::string("  padded "));
        QVERIFY(std::isnan(table.number(table.rows[1], 1, "a latitude", true)));
        QCOMPARE(table.number(table.rows[0], table.column("lat", "a latitude"), "x"), 21.25);
        // A byte order mark, CRLF, blank lines and blanks around unquoted fields.
        const CsvTable spread = parseCsv("\xEF\xBB\xBF"
                                         "a, b\r\n\r\n 1 ,+2\r\n",
                                         "s.csv");
        QCOMPARE(spread.header, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(spread.number(spread.rows[0], 1, "x"), 2.0);
    }

    void csvErrorsNameFileLineAndColumn() {
        QCOMPARE(errorOf([] { parseCsv("a,b\n1,2\n3\n", "x.csv"); }),
                 QStringLiteral("x.csv line 3: has 1 fields, expected 2 as in the header"));
        QCOMPARE(errorOf([] {
                     const CsvTable t = parseCsv("a,lat\n1,abc\n", "x.csv");
                     t.number(t.rows[0], 1, "a latitude in degrees north");
                 }),
                 QStringLiteral("x.csv line 2: column 'lat' is 'abc', expected a latitude in "
                                "degrees north"));
        QCOMPARE(errorOf([] { parseCsv("a,b\n", "x.csv").column("lon", "a longitude"); }),
                 QStringLiteral("x.csv: no column 'lon' (columns: a, b); expected a longitude"));
        QCOMPARE(errorOf([] { parseCsv("\n\n", "x.csv"); }),
                 QStringLiteral("x.csv: is empty; expected a CSV with a header line"));
        QVERIFY(errorOf([] {
                    parseCsv("a\n\"open\n", "x.csv");
                }).startsWith(QStringLiteral("x.csv line 2: has a quote that is never closed")));
        QVERIFY(errorOf([] {
                    readCsv("/nonexistent/x.csv");
                }).startsWith(QStringLiteral("/nonexistent/x.csv: cannot open: No such file")));
        CsvWriter writer({"a", "b"});
        writer.add(1);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, writer.endRow());
    }

    void modelCard() {
        QTemporaryDir directory;
        ModelCard card;
        card.weights = {QStringLiteral("generator.pt"), QStringLiteral("gan.json")};
        card.metrics = {{QStringLiteral("val_score"), 0.25},
                        {QStringLiteral("broken"), std::nan("")}};
        card.validated = true;
        card.description = QStringLiteral("test model");
        card.trainingDomain = {{QStringLiteral("energy_gev"), QJsonArray{10, 500}}};
        card.wallSeconds = 12.5;
        card.cpuSeconds = 24.0;
        card.threads = 2;
        card.steps = 300;
        writeModelCard(directory.path(), card, {QStringLiteral("/runs/abc/outputs")});
        const QJsonObject json =
            QJsonDocument::fromJson(readAll(directory.filePath(QStringLiteral("model.json"))))
                .object();
        QCOMPARE(json.value(QStringLiteral("format")).toString(),
                 QStringLiteral("twinbench-model/1"));
        QCOMPARE(json.value(QStringLiteral("weights")).toArray().size(), 2);
        const QJsonObject metrics = json.value(QStringLiteral("metrics")).toObject();
        QCOMPARE(metrics.value(QStringLiteral("val_score")).toDouble(), 0.25);
        QVERIFY(!metrics.contains(QStringLiteral("broken"))); // JSON has no NaN
        QCOMPARE(json.value(QStringLiteral("validated")).toBool(), true);
        const QJsonObject cost = json.value(QStringLiteral("training_cost")).toObject();
        QCOMPARE(cost.value(QStringLiteral("cpu_seconds")).toDouble(), 24.0);
        QCOMPARE(cost.value(QStringLiteral("threads")).toInt(), 2);
        QCOMPARE(json.value(QStringLiteral("training_data"))
                     .toObject()
                     .value(QStringLiteral("inputs"))
                     .toArray()
                     .first()
                     .toString(),
                 QStringLiteral("/runs/abc/outputs"));
        QVERIFY(!json.value(QStringLiteral("code"))
                     .toObject()
                     .value(QStringLiteral("twinbench"))
                     .toString()
                     .isEmpty());
        QVERIFY(json.value(QStringLiteral("training_domain"))
                    .toObject()
                    .contains(QStringLiteral("energy_gev")));
        card.weights.clear();
        QVERIFY_THROWS_EXCEPTION(SdkError, writeModelCard(directory.path(), card, {}));
    }

    void processCpuSecondsCountsWork() {
        const double before = processCpuSeconds();
        volatile double sink = 0.0;
        while (processCpuSeconds() - before < 0.05) {
            for (int i = 0; i < 100000; ++i) {
                sink = sink + std::sqrt(double(i));
            }
        }
        const double spent = processCpuSeconds() - before;
        QVERIFY(spent >= 0.05 && spent < 5.0);
    }
};

QTEST_GUILESS_MAIN(SdkFilesTest)
#include "SdkFilesTest.moc"
