// twinbench --export-figure OUT.mp4|OUT.gif --animate DIM, end to end through the real
// executable and Debian's ffmpeg/ffprobe: the MP4 decodes with one frame per index, --frames
// selects a range, GIF frames differ as the data does (one colour range for all), titles carry
// the decoded date, and every failure (bad dimension, ffmpeg missing or failing) exits
// non-zero with a message that says what went wrong.
#include "AnimationTestFile.h"
#include "TwinbenchRun.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {
using twins::testing::Run;
using twins::testing::runTwinbench;

// Frames ffprobe decodes from the file's video stream, or -1.
int decodedFrames(const QString& path) {
    QProcess probe;
    probe.start(QStringLiteral("ffprobe"),
                {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                 "stream=nb_read_frames", "-of", "csv=p=0", path});
    if (!probe.waitForFinished(30000) || probe.exitCode() != 0) {
        return -1;
    }
    bool ok = false;
    const int frames = QString::fromUtf8(probe.readAllStandardOutput()).trimmed().toInt(&ok);
    return ok ? frames : -1;
}
} // namespace

class AnimationExportTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;
    QString m_dataPath;

    QString output(const QString& name) const { return m_directory.filePath(name); }
    QStringList base(const QString& out) const {
        return {"--export-figure", out, "--open", m_dataPath, "--variable", "t2m"};
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        if (QStandardPaths::findExecutable(QStringLiteral("ffprobe")).isEmpty()) {
            QFAIL("ffprobe (Debian package ffmpeg) is needed to check the encoded animations");
        }
        m_dataPath = m_directory.filePath(QStringLiteral("animation.nc"));
        twins::testing::writeAnimationFile(m_dataPath);
    }

    void mp4DecodesWithOneFramePerIndex() {
        const QString mp4 = output(QStringLiteral("steps.mp4"));
        const Run run =
            runTwinbench(base(mp4) + QStringList{"--animate", "time", "--fps", "4", "--projection",
                                                 "robinson", "--size", "480x300"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QCOMPARE(decodedFrames(mp4), twins::testing::animationSteps);
        QVERIFY(!QFile::exists(output(QStringLiteral(".steps.partial.mp4"))));
    }

    void gifFramesFollowTheDataWithOneColourRange() {
        const QString gif = output(QStringLiteral("range.gif"));
        const Run run = runTwinbench(
            base(gif) + QStringList{"--animate", "time", "--frames", "1:3", "--size", "400x260"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QCOMPARE(decodedFrames(gif), 3);
        QImageReader reader(gif);
        QCOMPARE(reader.imageCount(), 3);
        QList<QImage> frames;
        for (int i = 0; i < 3; ++i) {
            QImage frame;
            QVERIFY(reader.read(&frame));
            frames << frame.convertToFormat(QImage::Format_RGB32);
        }
        QDir().mkpath(QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots"));
        frames.front().save(
            QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots/animation-frame1.png"));
        frames.back().save(
            QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots/animation-frame3.png"));
        // The data grow from frame to frame while the colour range stays: a growing share of
        // the map changes colour (with a range re-chosen per frame most of it would not).
        int changed = 0;
        for (int y = 0; y < frames[0].height(); ++y) {
            for (int x = 0; x < frames[0].width(); ++x) {
                changed += frames[0].pixel(x, y) != frames[2].pixel(x, y) ? 1 : 0;
            }
        }
        const double share = double(changed) / (frames[0].width() * frames[0].height());
        QVERIFY2(share > 0.15,
                 qPrintable(QStringLiteral("only %1 of the pixels changed").arg(share)));
    }

    void titleCarriesTheDecodedDate() {
        const QString svg = output(QStringLiteral("date.svg"));
        const Run run = runTwinbench(base(svg) + QStringList{"--index", "time=2"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(file.readAll().contains("time 2024-01-01 12:00"),
                 "the title does not show the decoded date of time index 2");
    }

    void failsClearly_data() {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("ffmpeg");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad dimension") << QStringList{"--animate", "depth"} << QString()
                                       << QStringLiteral("no dimension 'depth' to animate");
        QTest::newRow("frames out of range") << QStringList{"--animate", "time", "--frames", "2:9"}
                                             << QString() << QStringLiteral("out of range");
        QTest::newRow("bad fps") << QStringList{"--animate", "time", "--fps", "0"} << QString()
                                 << QStringLiteral("bad --fps");
        QTest::newRow("ffmpeg missing")
            << QStringList{"--animate", "time"} << QStringLiteral("/nonexistent/ffmpeg")
            << QStringLiteral("cannot start /nonexistent/ffmpeg");
        QTest::newRow("ffmpeg fails")
            << QStringList{"--animate", "time"} << QStringLiteral("@FAILING@")
            << QStringLiteral("simulated encoder failure");
    }

    void failsClearly() {
        QFETCH(QStringList, extra);
        QFETCH(QString, ffmpeg);
        QFETCH(QString, message);
        const QString out = output(QStringLiteral("never.mp4"));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        if (ffmpeg == QLatin1String("@FAILING@")) {
            // A stand-in that fails like ffmpeg does on a broken codec or full disk.
            ffmpeg = output(QStringLiteral("failing-ffmpeg.sh"));
            QFile script(ffmpeg);
            QVERIFY(script.open(QIODevice::WriteOnly));
            script.write("#!/bin/sh\necho 'simulated encoder failure: No space left on device' "
                         ">&2\nexit 1\n");
            script.close();
            script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                  QFileDevice::ExeOwner);
        }
        if (!ffmpeg.isEmpty()) {
            environment.insert(QStringLiteral("TWINBENCH_FFMPEG"), ffmpeg);
        }
        const Run run = runTwinbench(base(out) + extra, environment);
        QVERIFY2(
            run.exitCode > 0,
            qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(run.standardError)));
        QVERIFY2(run.standardError.contains(message),
                 qPrintable(QStringLiteral("stderr '%1' does not mention '%2'")
                                .arg(run.standardError.trimmed(), message)));
        QVERIFY(!QFile::exists(out));
        QVERIFY(!QFile::exists(output(QStringLiteral(".never.partial.mp4"))));
    }
};

QTEST_GUILESS_MAIN(AnimationExportTest)
#include "AnimationExportTest.moc"
