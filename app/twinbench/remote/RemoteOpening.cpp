#include "remote/RemoteOpening.h"

#include "support/BackgroundTask.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/remote/HttpError.h"
#include "twinbench/data/remote/RemoteCancel.h"
#include "twinbench/data/remote/RemoteDataset.h"
#include "twinbench/data/remote/RemoteOffline.h"
#include "twinbench/federation/BackendSettings.h"

#include <csignal>
#include <new>
#include <unistd.h>

namespace twins::app {

namespace {

// Longer than a local file's probe (30 s): the probe's reads cross the network.
constexpr int probeDeadlineMs = 60000;

// The probe's own message: its last "twinbench-run probe: " line (FileProbe.cpp does the same).
QString probeMessage(const QByteArray& standardError) {
    const QString prefix = QStringLiteral("twinbench-run probe: ");
    const QStringList lines = QString::fromLocal8Bit(standardError).trimmed().split(u'\n');
    for (auto line = lines.crbegin(); line != lines.crend(); ++line) {
        if (line->startsWith(prefix)) {
            return line->mid(prefix.size()).trimmed();
        }
    }
    return lines.isEmpty() ? QString() : lines.last().trimmed();
}

std::uint64_t bytesReceived() {
    return data::remote::defaultHttpClient()->statistics().bytesReceived;
}

} // namespace

RemoteOpening::RemoteOpening(QString url, QObject* parent)
    : QObject(parent), m_url(std::move(url)) {
    m_ticker.setInterval(200);
    connect(&m_ticker, &QTimer::timeout, this, &RemoteOpening::tick);
}

RemoteOpening::~RemoteOpening() {
    if (m_cancel) {
        m_cancel->store(true); // a read still running stops; its result goes nowhere
    }
    if (m_probe != nullptr && m_probe->state() != QProcess::NotRunning) {
        ::kill(-static_cast<pid_t>(m_probe->processId()), SIGKILL);
        m_probe->waitForFinished(2000);
    }
}

void RemoteOpening::start() {
    if (isRunning()) {
        return;
    }
    m_stage = Stage::Probing;
    m_clock.start();
    m_ticker.start();
    m_probe = new QProcess(this);
    // Its own process group, so cancel and the deadline kill it with anything it started.
    m_probe->setChildProcessModifier([] { ::setpgid(0, 0); });
    connect(m_probe, &QProcess::finished, this, &RemoteOpening::onProbeFinished);
    connect(m_probe, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart && m_stage == Stage::Probing) {
            const QString reason = m_probe->errorString();
            finish();
            emit failed(tr("Cannot check %1: cannot start the worker (%2)").arg(m_url, reason));
        }
    });
    m_probe->start(federation::findWorkerExecutable(), {QStringLiteral("probe"), m_url});
    tick();
}

void RemoteOpening::cancel() {
    if (m_stage == Stage::Probing) {
        ::kill(-static_cast<pid_t>(m_probe->processId()), SIGKILL);
        m_probe->disconnect(this);
        m_probe->waitForFinished(2000);
        m_probe->deleteLater();
        m_probe = nullptr;
        finish();
        emit cancelled();
    } else if (m_stage == Stage::Reading) {
        m_cancel->store(true); // cancelled() when the read returns
        emit progressed(tr("Cancelling..."));
    }
}

void RemoteOpening::onProbeFinished(int exitCode, QProcess::ExitStatus status) {
    const QByteArray errors = m_probe->readAllStandardError();
    m_probe->deleteLater();
    m_probe = nullptr;
    if (status == QProcess::CrashExit) {
        finish();
        emit failed(tr("%1 crashes the HDF5/NetCDF/GDAL library: it is corrupt").arg(m_url));
        return;
    }
    if (exitCode != 0) {
        finish();
        const QString message = probeMessage(errors);
        emit failed(
            message.isEmpty()
                ? tr("Cannot open %1 (the check ended with status %2)").arg(m_url).arg(exitCode)
                : message);
        return;
    }
    startReading();
}

void RemoteOpening::startReading() {
    m_stage = Stage::Reading;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_bytesAtStart = bytesReceived();
    tick();
    const std::string url = m_url.toStdString();
    const std::shared_ptr<std::atomic<bool>> cancel = m_cancel;
    runInBackground<OpenedFile>(
        this,
        [url, cancel] {
            const data::remote::RemoteCancelScope scope(cancel);
            OpenedFile result;
            result.path = QString::fromStdString(url);
            try {
                result.dataset = data::openDataset(url);
                result.notice = QString::fromStdString(data::remote::offlineNotice(url));
            } catch (const data::DataError& error) {
                result.error = QString::fromStdString(error.what());
            } catch (const std::bad_alloc&) {
                result.error =
                    QStringLiteral("%1: not enough memory to read the header").arg(result.path);
            } catch (const std::exception& error) {
                result.error = QString::fromStdString(error.what());
            }
            return result;
        },
        [this, cancel](const OpenedFile& result) {
            finish();
            if (cancel->load()) {
                emit cancelled();
            } else if (!result.error.isEmpty()) {
                emit failed(result.error);
            } else {
                emit opened(result);
            }
        });
}

void RemoteOpening::tick() {
    const double seconds = static_cast<double>(m_clock.elapsed()) / 1000.0;
    if (m_stage == Stage::Probing) {
        emit progressed(
            tr("Checking %1 in a separate process... %2 s").arg(m_url).arg(seconds, 0, 'f', 1));
        if (m_clock.elapsed() > probeDeadlineMs) {
            ::kill(-static_cast<pid_t>(m_probe->processId()), SIGKILL);
            m_probe->disconnect(this);
            m_probe->waitForFinished(2000);
            m_probe->deleteLater();
            m_probe = nullptr;
            finish();
            emit failed(tr("%1 hangs the HDF5/NetCDF/GDAL library or the server: reading it did "
                           "not finish within %2 s, so it was stopped")
                            .arg(m_url)
                            .arg(probeDeadlineMs / 1000));
        }
    } else if (m_stage == Stage::Reading) {
        const double megabytes = static_cast<double>(bytesReceived() - m_bytesAtStart) / 1e6;
        emit progressed(tr("Reading %1... %2 s, %3 MB received")
                            .arg(m_url)
                            .arg(seconds, 0, 'f', 1)
                            .arg(megabytes, 0, 'f', 2));
    }
}

void RemoteOpening::finish() {
    m_stage = Stage::Idle;
    m_ticker.stop();
}

} // namespace twins::app
