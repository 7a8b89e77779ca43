// An interLink run's log read piece by piece through /getLogs (twins/federation/RunLogReader.h),
// against a log the test grows itself: every line shown once and in order, whatever the growth
// between two reads (a few lines, more than the window, repeating lines, a half-written line);
// few whole-log requests; log.txt with a note when the API fails at once; a note and no loss
// when it fails later.
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/RunLogReader.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace twins::federation;

namespace {

// The container's output as a server keeps it, answering /getLogs as interLink's Opts.Tail says.
struct FakeSite {
    QString output;
    bool down = false;

    QString logs(int tailLines) const {
        if (down) {
            throw FederationError(QStringLiteral("interLink API at http://127.0.0.1:1 unreachable"));
        }
        if (tailLines == 0) {
            return output;
        }
        QStringList lines = output.split(QLatin1Char('\n'));
        const QString partial = lines.takeLast();
        lines = lines.mid(std::max<qsizetype>(0, lines.size() - tailLines));
        return lines.join(QLatin1Char('\n')) + QLatin1Char('\n') + partial;
    }
    void append(const QString& text) { output += text; }
};

} // namespace

class InterlinkLogReaderTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_run;

private slots:
    void everyLineOnceWhateverTheGrowth() {
        FakeSite site;
        InterlinkLogReader reader([&](int tail) { return site.logs(tail); }, m_run.path(), 20);
        QString shown;
        const auto readAll = [&] {
            const RunLogChunk chunk = reader.read();
            QVERIFY2(chunk.note.isEmpty(), qPrintable(chunk.note));
            shown += QString::fromUtf8(chunk.text);
        };
        site.append(QStringLiteral("start\nhalf"));
        readAll();
        QCOMPARE(shown, QStringLiteral("start\n")); // a line without its newline waits
        site.append(QStringLiteral(" written\n"));
        readAll();
        QCOMPARE(shown, QStringLiteral("start\nhalf written\n"));
        auto* random = QRandomGenerator::global();
        int line = 0;
        for (int round = 0; round < 300; ++round) {
            const int added = random->bounded(0, 5) == 0 ? random->bounded(15, 60)
                                                         : random->bounded(0, 6);
            for (int i = 0; i < added; ++i) {
                // A third of the rounds repeat one line, as progress lines may.
                site.append(round % 3 == 0 ? QStringLiteral("epoch done\n")
                                           : QStringLiteral("line %1\n").arg(++line));
            }
            readAll();
            QCOMPARE(shown, site.output);
        }
        qInfo("%d requests, %d of them for the whole log", reader.requests(),
              reader.fullRequests());
        // Mostly tail requests: the whole log only when more lines came than the window holds
        // or repeating lines left the overlap ambiguous.
        QVERIFY2(reader.fullRequests() < reader.requests() * 3 / 4,
                 qPrintable(QString::number(reader.fullRequests())));
    }

    void theShortLogNeedsNoAlignment() {
        FakeSite site;
        InterlinkLogReader reader([&](int tail) { return site.logs(tail); }, m_run.path(), 50);
        site.append(QStringLiteral("a\na\n"));
        QCOMPARE(reader.read().text, QByteArray("a\na\n"));
        site.append(QStringLiteral("a\n"));
        QCOMPARE(reader.read().text, QByteArray("a\n"));
        QCOMPARE(reader.fullRequests(), 1);
    }

    void apiDownAtOnceFallsBackToLogTxt() {
        QFile log(m_run.filePath(QStringLiteral("log.txt")));
        QVERIFY(log.open(QIODevice::WriteOnly));
        log.write("2026-12-07T06:00:00Z job started\n");
        log.flush();
        FakeSite site;
        site.down = true;
        InterlinkLogReader reader([&](int tail) { return site.logs(tail); }, m_run.path());
        const RunLogChunk first = reader.read();
        QVERIFY2(first.note.contains(QStringLiteral("unreachable")) &&
                     first.note.contains(log.fileName()),
                 qPrintable(first.note));
        QCOMPARE(first.text, QByteArray("2026-12-07T06:00:00Z job started\n"));
        QVERIFY(reader.fellBack());
        site.down = false; // log.txt for good: the two logs' lines differ, never mixed
        log.write("2026-12-07T06:00:01Z job succeeded\n");
        log.flush();
        const RunLogChunk second = reader.read();
        QVERIFY(second.note.isEmpty());
        QCOMPARE(second.text, QByteArray("2026-12-07T06:00:01Z job succeeded\n"));
    }

    void apiDownLaterIsNotedOnceAndLosesNothing() {
        FakeSite site;
        InterlinkLogReader reader([&](int tail) { return site.logs(tail); }, m_run.path(), 5);
        site.append(QStringLiteral("one\n"));
        QCOMPARE(reader.read().text, QByteArray("one\n"));
        site.down = true;
        site.append(QStringLiteral("two\nthree\n"));
        const RunLogChunk failed = reader.read();
        QVERIFY2(failed.note.endsWith(QStringLiteral("retrying")), qPrintable(failed.note));
        QVERIFY(failed.text.isEmpty());
        QVERIFY(reader.read().note.isEmpty()); // said once per outage
        site.down = false;
        const RunLogChunk back = reader.read();
        QCOMPARE(back.note, QStringLiteral("interLink /getLogs answers again"));
        QCOMPARE(back.text, QByteArray("two\nthree\n"));
        QVERIFY(!reader.fellBack());
    }
};

QTEST_GUILESS_MAIN(InterlinkLogReaderTest)
#include "InterlinkLogReaderTest.moc"
