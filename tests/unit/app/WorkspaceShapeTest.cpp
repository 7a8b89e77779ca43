// The GUI's shape (issue 15): answer kinds and export formats are chosen through their two
// registries only. A result-kind name or an export suffix written as a string literal anywhere
// else in app/twinbench means a new if-chain or list grew back; this test names the file and
// line. Also: the registries agree with the plugin contract and with themselves, and the
// source tree keeps its folders (no GUI file over 400 lines, MainWindow.cpp under 300 and the
// only file defining MainWindow members).
#include "answers/AnswerKinds.h"
#include "export/formats/ExportFormats.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace twins;

namespace {

const QString appDirectory = QStringLiteral(TWINBENCH_SOURCE_DIR "/app/twinbench");

struct Literal {
    QString file; // relative to app/twinbench
    int line = 0;
    QString text;
};

// Every "..." literal of the GUI's C++ sources (comments skipped; raw strings are not used).
QList<Literal> sourceLiterals() {
    static const QRegularExpression literal(QStringLiteral("\"((?:[^\"\\\\]|\\\\.)*)\""));
    QList<Literal> found;
    QDirIterator it(appDirectory, {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
        for (int number = 0; number < lines.size(); ++number) {
            QString code = lines[number];
            if (code.trimmed().startsWith(QLatin1String("//")) ||
                code.trimmed().startsWith(QLatin1String("#include"))) {
                continue;
            }
            auto matches = literal.globalMatch(code);
            while (matches.hasNext()) {
                found.append({QDir(appDirectory).relativeFilePath(path), number + 1,
                              matches.next().captured(1)});
            }
        }
    }
    return found;
}

const QString mainWindow = QStringLiteral("shell/MainWindow.cpp");

// Each C++ source of the GUI (path relative to app/twinbench) with its lines.
QList<QPair<QString, QStringList>> sourceLines() {
    QList<QPair<QString, QStringList>> sources;
    QDirIterator it(appDirectory, {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            sources.append({QDir(appDirectory).relativeFilePath(path),
                            QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))});
        }
    }
    return sources;
}

QString where(const Literal& literal) {
    return QStringLiteral("app/twinbench/%1:%2: \"%3\"")
        .arg(literal.file)
        .arg(literal.line)
        .arg(literal.text);
}

} // namespace

class WorkspaceShapeTest : public QObject {
    Q_OBJECT
private slots:
    void scanFindsTheRegistriesOwnLiterals() {
        // The scan itself must see what it looks for, or every other check passes vacuously.
        bool sawKind = false;
        bool sawSuffix = false;
        for (const Literal& literal : sourceLiterals()) {
            sawKind = sawKind || (literal.file.startsWith(QLatin1String("answers/kinds/tracks/")) &&
                                  literal.text == QLatin1String("tracks"));
            sawSuffix =
                sawSuffix || (literal.file == QLatin1String("export/formats/PngFormat.cpp") &&
                              literal.text == QLatin1String("png"));
        }
        QVERIFY(sawKind);
        QVERIFY(sawSuffix);
    }

    void noResultKindNameOutsideTheAnswerRegistry() {
        QSet<QString> names;
        for (const app::AnswerKind& kind : app::answerKinds()) {
            names.insert(kind.name);
        }
        for (const QString& name : sdk::resultKinds()) {
            names.insert(name);
        }
        // The command line's --uncertainty option shares its name with the kind; it names an
        // option, it does not choose how a result is drawn.
        const Literal commandLineOption{QStringLiteral("shell/LaunchOptions.cpp"), 0,
                                        QStringLiteral("uncertainty")};
        QStringList offenders;
        for (const Literal& literal : sourceLiterals()) {
            const bool option =
                literal.file == commandLineOption.file && literal.text == commandLineOption.text;
            if (names.contains(literal.text) && !option &&
                !literal.file.startsWith(QLatin1String("answers/"))) {
                offenders << where(literal);
            }
        }
        QVERIFY2(offenders.isEmpty(),
                 qPrintable(QStringLiteral("result kinds named outside answers/ (use the "
                                           "registry, answers/AnswerKinds.h):\n") +
                            offenders.join(QLatin1Char('\n'))));
    }

    void noExportSuffixOutsideTheFormatRegistry() {
        QStringList suffixes;
        for (const app::ExportFormat& format : app::exportFormats()) {
            suffixes << format.suffix << format.aliases;
        }
        // "png", ".png", "*.png", or a filter holding "*.png": a comparison or a list of formats.
        const QRegularExpression pattern(
            QStringLiteral("^(\\*?\\.)?(%1)$|\\*\\.(%1)\\b").arg(suffixes.join(QLatin1Char('|'))),
            QRegularExpression::CaseInsensitiveOption);
        // Input datasets are not exports: GeoTIFF is read as .tif (support/DatasetFiles.cpp
        // is the one list of the suffixes the Open dialog offers).
        const QString inputFormats = QStringLiteral("support/DatasetFiles.cpp");
        QStringList offenders;
        for (const Literal& literal : sourceLiterals()) {
            if (pattern.match(literal.text).hasMatch() &&
                !literal.file.startsWith(QLatin1String("export/formats/")) &&
                literal.file != inputFormats) {
                offenders << where(literal);
            }
        }
        QVERIFY2(offenders.isEmpty(),
                 qPrintable(QStringLiteral("export suffixes named outside export/formats/ (use "
                                           "export/formats/ExportFormats.h):\n") +
                            offenders.join(QLatin1Char('\n'))));
    }

    void answerKindsAreThePluginContractsKinds() {
        // Every kind the GUI registers is one plugins may declare; the contract's kinds the
        // GUI cannot draw yet are named here, and the GUI says so when one is opened.
        const QStringList contract = sdk::resultKinds();
        QStringList registered;
        for (const app::AnswerKind& kind : app::answerKinds()) {
            QVERIFY2(contract.contains(kind.name), qPrintable(kind.name));
            QVERIFY2(!registered.contains(kind.name), qPrintable(kind.name + " registered twice"));
            registered << kind.name;
            // A kind is drawn somewhere: in the workspace, by its page, or by another's page.
            const app::AnswerKind* page = app::answerKind(kind.pageKind());
            QVERIFY2(kind.shownInWorkspace || (page != nullptr && page->makePage),
                     qPrintable(kind.name + " has no page and is not shown in the workspace"));
            QVERIFY2(kind.shownInWorkspace || kind.readResult,
                     qPrintable(kind.name + " cannot read a run's result file"));
        }
        QStringList notDrawnYet;
        for (const QString& name : contract) {
            if (!registered.contains(name)) {
                notDrawnYet << name;
            }
        }
        QCOMPARE(notDrawnYet, QStringList());
    }

    void exportFormatsAreWellFormed() {
        QSet<QPair<int, QString>> seen;
        for (const app::ExportFormat& format : app::exportFormats()) {
            for (const QString& suffix : QStringList{format.suffix} + format.aliases) {
                QVERIFY2(!seen.contains({int(format.purpose), suffix}), qPrintable(suffix));
                seen.insert({int(format.purpose), suffix});
            }
            QVERIFY(!format.description.isEmpty());
            QVERIFY(format.fromWindow || format.fromScript);
            using Writer = app::ExportFormat::Writer;
            QVERIFY(format.writer != Writer::RasterImage || !format.imageFormat.isEmpty());
            QVERIFY(format.writer != Writer::VectorPaths || !format.vectorFormat.isEmpty());
            QVERIFY(format.writer != Writer::FfmpegVideo || !format.ffmpegArguments.isEmpty());
        }
        using Purpose = app::ExportFormat::Purpose;
        using app::ExportOrigin;
        // What the command line has always accepted, now read from the registry.
        QCOMPARE(app::exportSuffixList(Purpose::Figure, ExportOrigin::Script),
                 QStringLiteral(".png, .svg or .pdf"));
        QCOMPARE(app::exportSuffixList(Purpose::Animation, ExportOrigin::Script),
                 QStringLiteral(".mp4 or .gif"));
        QCOMPARE(app::exportSuffixList(Purpose::Report, ExportOrigin::Script),
                 QStringLiteral(".html or .pdf"));
        QVERIFY(app::exportFormatFor(QStringLiteral("/x/Figure.TIFF"), Purpose::Figure));
        QVERIFY(!app::exportFormatFor(QStringLiteral("/x/figure.bmp"), Purpose::Figure));
        QCOMPARE(app::exportFormatFor(QStringLiteral("r.htm"), Purpose::Report)->suffix,
                 QStringLiteral("html"));
    }

    void sourceTreeKeepsItsShape() {
        // Only folders, CMakeLists.txt and main.cpp at the root of the GUI.
        const QStringList rootFiles = QDir(appDirectory).entryList(QDir::Files);
        QCOMPARE(rootFiles,
                 (QStringList{QStringLiteral("CMakeLists.txt"), QStringLiteral("main.cpp")}));
        QStringList tooLong;
        QDirIterator it(appDirectory, {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const qsizetype lines = file.readAll().count('\n');
            const QString relative = QDir(appDirectory).relativeFilePath(path);
            if (lines > 400 || (relative == mainWindow && lines >= 300)) {
                tooLong << QStringLiteral("%1: %2 lines").arg(relative).arg(lines);
            }
        }
        QVERIFY2(tooLong.isEmpty(), qPrintable(tooLong.join(QLatin1Char('\n'))));
    }

    void mainWindowIsDefinedInOneFile() {
        // The main window is a thin shell (issue 15): its features live in workspace/, results/
        // and shell/actions/, not in MainWindow members spread over other files. A definition
        // starts a line ("void MainWindow::showError(", "MainWindow::MainWindow("); uses such
        // as connect(..., &MainWindow::showError) are indented or follow a '('.
        static const QRegularExpression definition(
            QStringLiteral("^(?![ \\t])[^(;=]*\\bMainWindow::~?\\w+\\("));
        QStringList elsewhere;
        bool sawOwnFile = false;
        for (const auto& [relative, lines] : sourceLines()) {
            for (int number = 0; number < lines.size(); ++number) {
                if (!definition.match(lines[number]).hasMatch()) {
                    continue;
                }
                if (relative == mainWindow) {
                    sawOwnFile = true;
                } else {
                    elsewhere << QStringLiteral("%1:%2").arg(relative).arg(number + 1);
                }
            }
        }
        QVERIFY(sawOwnFile); // the pattern finds what it looks for
        QVERIFY2(elsewhere.isEmpty(),
                 qPrintable(QStringLiteral("MainWindow members defined outside %1:\n%2")
                                .arg(mainWindow, elsewhere.join(QLatin1Char('\n')))));
    }
};

QTEST_GUILESS_MAIN(WorkspaceShapeTest)
#include "WorkspaceShapeTest.moc"
