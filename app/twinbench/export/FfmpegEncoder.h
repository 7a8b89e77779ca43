#pragma once

#include <QImage>
#include <QProcess>
#include <QSize>
#include <QString>
#include <QStringList>

#include <memory>

namespace twins::app {

// Encodes frames to MP4 (H.264) or GIF with Debian's ffmpeg: raw RGB frames are piped to
// its standard input through QProcess. Writing the codecs ourselves would be madness, and
// linking libav* would tie the GUI to their ABI; the ffmpeg program is the stable interface.
// The program is `ffmpeg` from PATH, or TWINBENCH_FFMPEG when set (a different build, or a
// test's failing stand-in). Blocking calls: use it on the thread that renders the frames,
// never on the GUI thread. Every failure throws FigureExportError with ffmpeg's own words
// (the tail of its standard error); the output appears only when the encode succeeded.
class FfmpegEncoder {
public:
    // Starts ffmpeg for `outputPath` (.mp4 or .gif) with frames of `frameSize` at `fps`.
    FfmpegEncoder(const QString& outputPath, QSize frameSize, int fps);
    // Kills ffmpeg and removes the partial output unless finish() succeeded.
    ~FfmpegEncoder();
    FfmpegEncoder(const FfmpegEncoder&) = delete;
    FfmpegEncoder& operator=(const FfmpegEncoder&) = delete;

    // Sends one frame (converted to RGB888; it must have frameSize).
    void addFrame(const QImage& frame);
    // Closes the input, waits for ffmpeg and renames the finished file to outputPath.
    void finish();
    int framesWritten() const { return m_frames; }

    static QString program();

private:
    [[noreturn]] void fail(const QString& what);
    QString standardErrorTail();

    QString m_outputPath;
    QString m_partialPath;
    QSize m_size;
    int m_frames = 0;
    bool m_finished = false;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_standardError;
};

} // namespace twins::app
