// Issue 16: what every twin shares lives in the SDK, once. This test reads every source file of
// plugins/ (and of the test twin, which plugins/README.md shows as the example) and fails on
// code that writes files, formats CSV or draws random numbers by itself instead of through
// twinbench/sdk (AtomicFile.h, JsonFile.h, ModelCard.h, Csv.h, Random.h) and twinbench/ml
// (TorchSave.h). Each finding names the file, the line and the SDK part to use.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace {

struct Rule {
    const char* what;    // what the code does by itself
    const char* useThis; // the SDK part that does it
    QRegularExpression pattern;
    bool onStringText = false; // matched against the line with its string literals' text
};

const std::vector<Rule>& rules() {
    static const std::vector<Rule> list{
        // Writing files: only through writeFileAtomically (directly or through CsvWriter,
        // writeJsonFile, writeModelCard, saveAtomically).
        {"writes a file", "twinbench/sdk/AtomicFile.h (or Csv.h, JsonFile.h, ModelCard.h)",
         QRegularExpression(QStringLiteral(
             "\\bofstream\\b|\\bfopen\\s*\\(|\\bfwrite\\s*\\(|\\bQSaveFile\\b|\\bopen\\s*\\([^)]*"
             "QIODevice::(WriteOnly|Append|ReadWrite|Truncate)|std::filesystem::rename\\b")),
         false},
        {"saves weights by path", "twinbench/ml/TorchSave.h (saveAtomically)",
         QRegularExpression(QStringLiteral("\\btorch::save\\s*\\(")), false},
        // Formatting CSV: fields joined with commas by hand, or numbers printed for a file.
        {"formats CSV by hand", "twinbench/sdk/Csv.h (CsvWriter, formatNumber)",
         QRegularExpression(QStringLiteral("(<<|\\+=?)\\s*(','|\",\")|(','|\",\")\\s*(<<|\\+)|"
                                           "QByteArray::number\\s*\\(|\\bsetprecision\\s*\\(")),
         false},
        // printf formats with several %g fields separated by commas (checked on the string text).
        {"formats CSV by hand", "twinbench/sdk/Csv.h (CsvWriter, formatNumber)",
         QRegularExpression(QStringLiteral("\"[^\"]*%[0-9]*(\\.[0-9*]+)?[gG][^\"]*,[^\"]*\"")),
         true},
        // Random numbers: only twins::sdk::Random (the same numbers on every machine).
        {"draws random numbers", "twinbench/sdk/Random.h",
         QRegularExpression(QStringLiteral(
             "\\bmt19937|_distribution\\s*<|_distribution\\s*\\(|\\brandom_device\\b|\\bminstd_"
             "rand|\\bdefault_random_engine\\b|\\bstd::shuffle\\s*\\(|\\brandom_shuffle\\b|(?<!["
             "\\w:.>])s?rand\\s*\\(|\\bstd::s?rand\\s*\\(|\\bdrand48\\s*\\(|#\\s*include\\s*<"
             "random>|\\bQRandomGenerator\\b")),
         false},
    };
    return list;
}

// The code of a line without its // comment and with the text of its string literals removed
// (so a log message that mentions torch::save is not code), except a literal "," itself.
QString codeOf(const QString& line) {
    QString code;
    QString literal;
    bool inString = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (inString) {
            if (c == QLatin1Char('\\') && i + 1 < line.size()) {
                literal += c;
                literal += line[++i];
            } else if (c == QLatin1Char('"')) {
                inString = false;
                code += (literal == QLatin1String(",") ? literal : QString()) + c;
            } else {
                literal += c;
            }
            continue;
        }
        if (c == QLatin1Char('/') && i + 1 < line.size() && line[i + 1] == QLatin1Char('/')) {
            break;
        }
        if (c == QLatin1Char('"') && !(i > 0 && line[i - 1] == QLatin1Char('\''))) {
            inString = true;
            literal.clear();
        }
        code += c;
    }
    return code;
}

struct Finding {
    QString where;
    QString message;
};

QList<Finding> scanText(const QString& name, const QString& text) {
    QList<Finding> findings;
    const QStringList lines = text.split(QLatin1Char('\n'));
    bool inBlockComment = false;
    for (qsizetype n = 0; n < lines.size(); ++n) {
        QString line = lines[n];
        if (inBlockComment) {
            const qsizetype end = line.indexOf(QStringLiteral("*/"));
            if (end < 0) {
                continue;
            }
            line = line.mid(end + 2);
            inBlockComment = false;
        }
        const qsizetype start = line.indexOf(QStringLiteral("/*"));
        if (start >= 0 && !line.left(start).contains(QLatin1Char('"'))) {
            inBlockComment = !line.mid(start).contains(QStringLiteral("*/"));
            line = line.left(start);
        }
        const QString code = codeOf(line);
        for (const Rule& rule : rules()) {
            if (rule.pattern.match(rule.onStringText ? line : code).hasMatch()) {
                findings.append({QStringLiteral("%1:%2").arg(name).arg(n + 1),
                                 QStringLiteral("%1 outside the SDK (use %2): %3")
                                     .arg(QLatin1String(rule.what), QLatin1String(rule.useThis),
                                          line.trimmed())});
            }
        }
    }
    return findings;
}

QList<Finding> scanTree(const QString& root, const QString& relative) {
    QList<Finding> findings;
    QDirIterator files(root + QLatin1Char('/') + relative, {"*.cpp", "*.h"}, QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            findings.append({path, QStringLiteral("cannot read")});
            continue;
        }
        findings += scanText(path.mid(root.size() + 1), QString::fromUtf8(file.readAll()));
    }
    return findings;
}

} // namespace

class PluginSourceScanTest : public QObject {
    Q_OBJECT

private slots:
    // The scanner itself: each kind of copy it must refuse, and code it must leave alone.
    void scannerFindsEachKindOfCopy() {
        const QStringList offending{
            "std::ofstream out(path);",
            "FILE* f = fopen(path.c_str(), \"wb\");",
            "QSaveFile file(path);",
            "if (!file.open(QIODevice::WriteOnly)) {",
            "torch::save(net, weightsPath);",
            "out << formatNumber(x) << ',' << y;",
            "csv += ',' + QByteArray::number(value, 'g', 7);",
            "line = name + \",\" + value;",
            "std::snprintf(text, sizeof text, \"%.6g,%.6g\\n\", a, b);",
            "std::mt19937_64 shuffler(seed);",
            "std::normal_distribution<double> normal;",
            "std::shuffle(order.begin(), order.end(), engine);",
            "const int r = rand() % 6;",
            "#include <random>",
        };
        for (const QString& line : offending) {
            QVERIFY2(scanText(QStringLiteral("x.cpp"), line).size() == 1, qPrintable(line));
        }
        const QStringList allowed{
            "twins::sdk::CsvWriter csv({\"a\", \"b\"});",
            "csv.add(x).add(y);",
            "random.shuffle(order);",
            "QFile file(path);",
            "if (!file.open(QIODevice::ReadOnly)) {",
            "// torch::save would truncate the file on a full disk",
            "twins::ml::saveAtomically(net, weightsPath);",
            "twins::sdk::Random random(twins::sdk::streamSeed(seed, 1));",
            "const double u = random.uniform();",
            "context.log(QStringLiteral(\"epoch %1, loss %2\").arg(epoch).arg(loss));",
            "std::snprintf(text, sizeof text, \"S/E = exp(%.4f)\", offset);",
            "const torch::Tensor flip = torch::rand({count}) < 0.5;",
        };
        for (const QString& line : allowed) {
            const QList<Finding> found = scanText(QStringLiteral("x.cpp"), line);
            QVERIFY2(found.isEmpty(), qPrintable(found.isEmpty() ? line : found.first().message));
        }
        // Inside a block comment nothing counts.
        QVERIFY(
            scanText("x.cpp", "/* std::ofstream out(path);\n   rand(); */\nint x = 0;").isEmpty());
    }

    void pluginsUseTheSdk() {
        const QString root = QStringLiteral(TWINBENCH_SOURCE_DIR);
        QList<Finding> findings = scanTree(root, QStringLiteral("plugins"));
        findings += scanTree(root, QStringLiteral("tests/plugins/testtwin"));
        QStringList report;
        for (const Finding& finding : findings) {
            report.append(finding.where + QStringLiteral(": ") + finding.message);
        }
        QVERIFY2(report.isEmpty(), qPrintable(report.join(QLatin1Char('\n'))));
    }

    // The scan must see the twins at all (a moved folder would otherwise pass silently).
    void scanReadsTheTwins() {
        const QString root = QStringLiteral(TWINBENCH_SOURCE_DIR);
        for (const char* file :
             {"plugins/cyclone/core/Detection.cpp", "plugins/calogan/ml/GanTrainer.cpp",
              "tests/plugins/testtwin/TestTwinModel.cpp"}) {
            QVERIFY2(QFile::exists(root + QLatin1Char('/') + QLatin1String(file)), file);
        }
    }
};

QTEST_GUILESS_MAIN(PluginSourceScanTest)
#include "PluginSourceScanTest.moc"
