#pragma once

#include "support/FileLoading.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTimer>

#include <atomic>
#include <cstdint>
#include <memory>

namespace twins::app {

// Opening one URL without ever blocking the GUI thread, in two steps, each cancellable:
// 1. `twinbench-run probe URL` in its own process (an untrusted object must not crash the
//    window; FileProbe.h), which also tells a 401/403/404 in the server's words naming the URL;
//    cancel kills it;
// 2. the open itself on the thread pool, its remote reads under a cancel flag (RemoteCancel.h);
//    what the probe fetched is usually in the on-disk cache by then (RemoteCache.h).
// progressed() reports the step, the seconds so far and the bytes received.
class RemoteOpening : public QObject {
    Q_OBJECT
public:
    explicit RemoteOpening(QString url, QObject* parent = nullptr);
    ~RemoteOpening() override;

    const QString& url() const { return m_url; }
    bool isRunning() const { return m_stage != Stage::Idle; }
    void start();
    // Stops the step under way; cancelled() follows (at once for the probe, when the read
    // notices the flag for the open).
    void cancel();

signals:
    void progressed(const QString& text);
    void opened(const twins::app::OpenedFile& file);
    // `message` names the URL and says what went wrong (the server's status, a crash...).
    void failed(const QString& message);
    void cancelled();

private:
    enum class Stage { Idle, Probing, Reading };
    void onProbeFinished(int exitCode, QProcess::ExitStatus status);
    void startReading();
    void tick();
    void finish();

    QString m_url;
    Stage m_stage = Stage::Idle;
    QProcess* m_probe = nullptr;
    QTimer m_ticker;
    QElapsedTimer m_clock;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::uint64_t m_bytesAtStart = 0;
};

} // namespace twins::app
