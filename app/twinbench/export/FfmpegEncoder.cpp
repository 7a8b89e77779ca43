#include "export/FfmpegEncoder.h"

#include "export/FigureExport.h"
#include "export/formats/ExportFormats.h"

#include <QFile>
#include <QFileInfo>

namespace twins::app {

namespace {
// ffmpeg's messages worth showing: the last lines of its standard error.
constexpr int standardErrorTailLines = 8;
constexpr int writeTimeoutMs = 60000;
} // namespace

QString FfmpegEncoder::program() {
    const QString configured = qEnvironmentVariable("TWINBENCH_FFMPEG");
    return configured.isEmpty() ? QStringLiteral("ffmpeg") : configured;
}

FfmpegEncoder::FfmpegEncoder(const QString& outputPath, QSize frameSize, int fps)
    : m_outputPath(outputPath), m_size(frameSize), m_process(std::make_unique<QProcess>()) {
    const QFileInfo info(outputPath);
    m_partialPath = info.absolutePath() + QStringLiteral("/.") + info.completeBaseName() +
                    QStringLiteral(".partial.") + info.suffix();
    QStringList arguments{QStringLiteral("-hide_banner"),
                          QStringLiteral("-nostdin"),
                          QStringLiteral("-loglevel"),
                          QStringLiteral("error"),
                          QStringLiteral("-y"),
                          QStringLiteral("-f"),
                          QStringLiteral("rawvideo"),
                          QStringLiteral("-pix_fmt"),
                          QStringLiteral("rgb24"),
                          QStringLiteral("-video_size"),
                          QStringLiteral("%1x%2").arg(frameSize.width()).arg(frameSize.height()),
                          QStringLiteral("-framerate"),
                          QString::number(fps),
                          QStringLiteral("-i"),
                          QStringLiteral("pipe:0")};
    const ExportFormat* format = exportFormatFor(outputPath, ExportFormat::Purpose::Animation);
    if (format == nullptr) {
        throw FigureExportError(
            QStringLiteral("cannot encode %1: an animation must end in %2")
                .arg(outputPath,
                     exportSuffixList(ExportFormat::Purpose::Animation, ExportOrigin::Window))
                .toStdString());
    }
    arguments << format->ffmpegArguments;
    arguments << m_partialPath;
    QFile::remove(m_partialPath);
    m_process->setProgram(program());
    m_process->setArguments(arguments);
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        const QString reason = m_process->errorString();
        throw FigureExportError(
            QStringLiteral("cannot start %1 to encode %2: %3. Install Debian's ffmpeg package "
                           "(apt install ffmpeg) or set TWINBENCH_FFMPEG to an ffmpeg program.")
                .arg(program(), outputPath, reason)
                .toStdString());
    }
}

FfmpegEncoder::~FfmpegEncoder() {
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    if (!m_finished) {
        QFile::remove(m_partialPath);
    }
}

QString FfmpegEncoder::standardErrorTail() {
    m_standardError += m_process->readAllStandardError();
    QStringList lines = QString::fromLocal8Bit(m_standardError).trimmed().split(QLatin1Char('\n'));
    if (lines.size() > standardErrorTailLines) {
        lines = lines.mid(lines.size() - standardErrorTailLines);
    }
    return lines.join(QLatin1Char('\n')).trimmed();
}

void FfmpegEncoder::fail(const QString& what) {
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    const QString tail = standardErrorTail();
    QFile::remove(m_partialPath);
    throw FigureExportError(QStringLiteral("%1 failed to encode %2 (%3)%4")
                                .arg(program(), m_outputPath, what,
                                     tail.isEmpty() ? QStringLiteral("; it printed nothing")
                                                    : QStringLiteral(":\n") + tail)
                                .toStdString());
}

void FfmpegEncoder::addFrame(const QImage& frame) {
    if (frame.size() != m_size) {
        throw FigureExportError("animation frame has the wrong size");
    }
    const QImage rgb = frame.convertToFormat(QImage::Format_RGB888);
    const qsizetype rowBytes = static_cast<qsizetype>(m_size.width()) * 3;
    for (int row = 0; row < rgb.height(); ++row) {
        // Scan lines are padded to 4 bytes; ffmpeg wants them packed.
        m_process->write(reinterpret_cast<const char*>(rgb.constScanLine(row)), rowBytes);
    }
    while (m_process->bytesToWrite() > 0) {
        if (m_process->state() == QProcess::NotRunning ||
            !m_process->waitForBytesWritten(writeTimeoutMs)) {
            fail(m_process->state() == QProcess::NotRunning
                     ? QStringLiteral("it exited after %1 frames").arg(m_frames)
                     : QStringLiteral("it stopped reading frames after %1").arg(m_frames));
        }
    }
    // Keep its messages (the pipe would otherwise fill up on a chatty build).
    m_standardError += m_process->readAllStandardError();
    ++m_frames;
}

void FfmpegEncoder::finish() {
    m_process->closeWriteChannel();
    if (!m_process->waitForFinished(120000)) {
        fail(QStringLiteral("it did not finish within 120 s"));
    }
    if (m_process->exitStatus() != QProcess::NormalExit) {
        fail(QStringLiteral("it crashed"));
    }
    if (m_process->exitCode() != 0) {
        fail(QStringLiteral("exit status %1").arg(m_process->exitCode()));
    }
    if (!QFileInfo(m_partialPath).exists() || QFileInfo(m_partialPath).size() == 0) {
        fail(QStringLiteral("it wrote no file"));
    }
    QFile::remove(m_outputPath);
    if (!QFile::rename(m_partialPath, m_outputPath)) {
        QFile::remove(m_partialPath);
        throw FigureExportError("cannot move the encoded animation to " +
                                m_outputPath.toStdString());
    }
    m_finished = true;
}

} // namespace twins::app
